package io.bazaar.catalog.inventory;

import java.util.ArrayList;
import java.util.List;
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
 * consumer).
 */
@Component
class OrderEventsListener {

	static final String TOPIC = "orders.events.v1";

	private static final Logger logger = LoggerFactory.getLogger(OrderEventsListener.class);

	private final OrderSagaParticipant saga;

	private final JsonMapper json;

	OrderEventsListener(OrderSagaParticipant saga, JsonMapper json) {
		this.saga = saga;
		this.json = json;
	}

	@KafkaListener(id = "catalog-order-events", topics = TOPIC, groupId = OrderSagaParticipant.CONSUMER,
			autoStartup = "${catalog.saga.enabled:true}")
	void onOrderEvent(ConsumerRecord<String, String> record) {
		JsonNode event;
		try {
			event = this.json.readTree(record.value());
		}
		catch (JacksonException unreadable) {
			logger.error("Skipping unreadable order event at {}-{}@{}", record.topic(), record.partition(),
					record.offset());
			return;
		}
		if (event.path("version").asInt() != 1) {
			logger.error("Skipping order event {} of unsupported version {}", event.path("eventId").asString(),
					event.path("version").asString());
			return;
		}
		UUID eventId = UUID.fromString(event.path("eventId").asString());
		UUID orderId = UUID.fromString(event.path("orderId").asString());
		switch (event.path("type").asString()) {
			case "OrderPlaced" -> this.saga.orderPlaced(eventId, orderId, lines(event.path("items")));
			case "OrderCancelled" -> this.saga.orderCancelled(eventId, orderId);
			case "OrderConfirmed" -> this.saga.orderConfirmed(eventId, orderId);
			default -> logger.debug("Ignoring order event type {}", event.path("type").asString());
		}
	}

	private static List<ReservationLine> lines(JsonNode items) {
		List<ReservationLine> lines = new ArrayList<>();
		items.forEach((item) -> lines.add(new ReservationLine(UUID.fromString(item.path("productId").asString()),
				item.path("quantity").asInt())));
		return lines;
	}

}
