package io.bazaar.catalog.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the order events the catalog acts on from {@code orders.events.v1}, in the
 * catalog's own terms: only the fields it needs, and only the event types it knows
 * (others are ignored, so the order service can add events without breaking this
 * consumer). An event it cannot act on (not JSON, another version, ids missing) goes to
 * the dead letter topic instead of holding up the events behind it.
 */
@Component
class OrderEventsListener {

	static final String TOPIC = "orders.events.v1";

	private static final Set<String> KNOWN_TYPES = Set.of("OrderPlaced", "OrderCancelled", "OrderConfirmed");

	private static final Logger logger = LoggerFactory.getLogger(OrderEventsListener.class);

	private final OrderSagaParticipant saga;

	private final JsonMapper json;

	OrderEventsListener(OrderSagaParticipant saga, JsonMapper json) {
		this.saga = saga;
		this.json = json;
	}

	@KafkaListener(id = "catalog-order-events", topics = TOPIC, groupId = OrderSagaParticipant.CONSUMER)
	void onOrderEvent(ConsumerRecord<String, String> record) {
		JsonNode event = read(record);
		String type = event.path("type").asString();
		if (!KNOWN_TYPES.contains(type)) {
			logger.debug("Ignoring order event type {}", type);
			return;
		}
		if (event.path("version").asInt() != 1) {
			throw unreadable(record, "is " + type + " of version " + event.path("version").asString()
					+ "; this consumer reads version 1", null);
		}
		try {
			UUID eventId = UUID.fromString(event.path("eventId").asString());
			UUID orderId = UUID.fromString(event.path("orderId").asString());
			switch (type) {
				case "OrderPlaced" -> this.saga.orderPlaced(eventId, orderId, lines(event.path("items")));
				case "OrderCancelled" -> this.saga.orderCancelled(eventId, orderId);
				default -> this.saga.orderConfirmed(eventId, orderId);
			}
		}
		catch (IllegalArgumentException ex) {
			throw unreadable(record, "lacks a valid eventId, orderId or items", ex);
		}
	}

	private JsonNode read(ConsumerRecord<String, String> record) {
		try {
			JsonNode event = (record.value() != null) ? this.json.readTree(record.value()) : null;
			if (event == null || !event.isObject()) {
				throw unreadable(record, "is not a JSON object", null);
			}
			return event;
		}
		catch (JacksonException ex) {
			throw unreadable(record, "is not JSON", ex);
		}
	}

	private static UnreadableOrderEventException unreadable(ConsumerRecord<String, String> record, String problem,
			Throwable cause) {
		return new UnreadableOrderEventException(
				"Order event at " + record.topic() + "-" + record.partition() + "@" + record.offset() + " " + problem,
				cause);
	}

	private static List<ReservationLine> lines(JsonNode items) {
		if (!items.isArray() || items.isEmpty()) {
			throw new IllegalArgumentException("An OrderPlaced event needs items");
		}
		List<ReservationLine> lines = new ArrayList<>();
		items.forEach((item) -> lines.add(new ReservationLine(UUID.fromString(item.path("productId").asString()),
				item.path("quantity").asInt())));
		return lines;
	}

}
