package io.bazaar.notification.support;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Produces the events of user-service and order-service, as they publish them, to the
 * real broker. Each method returns the event so that a test can send it again (a
 * duplicate).
 */
public final class Events {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final KafkaTemplate<String, String> kafka;

	private final String usersTopic;

	private final String ordersTopic;

	public Events(KafkaTemplate<String, String> kafka, String usersTopic, String ordersTopic) {
		this.kafka = kafka;
		this.usersTopic = usersTopic;
		this.ordersTopic = ordersTopic;
	}

	public static Map<String, Object> item(String sku, String name, int quantity, Object unitPrice, String currency) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("productId", UUID.randomUUID().toString());
		item.put("sku", sku);
		item.put("name", name);
		item.put("quantity", quantity);
		item.put("unitPrice", unitPrice);
		item.put("currency", currency);
		return item;
	}

	public Event userRegistered(UUID userId, String email, String displayName) {
		return send(newUserRegistered(userId, email, displayName));
	}

	public Event orderConfirmed(UUID orderId, UUID userId, List<Map<String, Object>> items, Object total,
			String currency) {
		return send(newOrderConfirmed(orderId, userId, items, total, currency));
	}

	/** An {@code OrderConfirmed}, not sent yet. */
	public Event newOrderConfirmed(UUID orderId, UUID userId, List<Map<String, Object>> items, Object total,
			String currency) {
		Map<String, Object> event = envelope("OrderConfirmed");
		event.put("orderId", orderId.toString());
		event.put("userId", userId.toString());
		event.put("items", items);
		event.put("total", total);
		event.put("currency", currency);
		return new Event(this.ordersTopic, orderId.toString(), event);
	}

	public Event orderCancelled(UUID orderId, UUID userId, String reason) {
		Map<String, Object> event = envelope("OrderCancelled");
		event.put("orderId", orderId.toString());
		event.put("userId", userId.toString());
		event.put("reason", reason);
		return send(new Event(this.ordersTopic, orderId.toString(), event));
	}

	public Event orderPlaced(UUID orderId, UUID userId) {
		Map<String, Object> event = envelope("OrderPlaced");
		event.put("orderId", orderId.toString());
		event.put("userId", userId.toString());
		event.put("items", List.of());
		return send(new Event(this.ordersTopic, orderId.toString(), event));
	}

	/** Sends an event again, unchanged. */
	public Event send(Event event) {
		sendRaw(event.topic(), event.key(), json.writeValueAsString(event.body()));
		return event;
	}

	/** Sends an event to one partition of its topic, whatever its key would choose. */
	public Event sendToPartition(Event event, int partition) {
		try {
			this.kafka.send(event.topic(), partition, event.key(), json.writeValueAsString(event.body()))
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not produce to " + event.topic() + "-" + partition, ex);
		}
		return event;
	}

	/** A {@code UserRegistered}, not sent yet. */
	public Event newUserRegistered(UUID userId, String email, String displayName) {
		Map<String, Object> event = envelope("UserRegistered");
		event.put("userId", userId.toString());
		event.put("email", email);
		event.put("displayName", displayName);
		return new Event(this.usersTopic, userId.toString(), event);
	}

	/** Sends any value, readable or not, to the orders topic. */
	public void sendToOrders(String key, String value) {
		sendRaw(this.ordersTopic, key, value);
	}

	private void sendRaw(String topic, String key, String value) {
		try {
			this.kafka.send(topic, key, value).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not produce to " + topic, ex);
		}
	}

	private static Map<String, Object> envelope(String type) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("eventId", UUID.randomUUID().toString());
		event.put("type", type);
		event.put("version", 1);
		event.put("occurredAt", Instant.now().toString());
		event.put("traceparent", "00-" + UUID.randomUUID().toString().replace("-", "") + "-"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "-01");
		return event;
	}

	/**
	 * An event as sent.
	 *
	 * @param topic where
	 * @param key its Kafka key (the aggregate id)
	 * @param body its fields
	 */
	public record Event(String topic, String key, Map<String, Object> body) {

		public UUID eventId() {
			return UUID.fromString((String) this.body.get("eventId"));
		}

		public String traceId() {
			return ((String) this.body.get("traceparent")).split("-")[1];
		}

		/** A copy with one field changed (or added). */
		public Event with(String field, Object value) {
			Map<String, Object> changed = new LinkedHashMap<>(this.body);
			changed.put(field, value);
			return new Event(this.topic, this.key, changed);
		}

	}

}
