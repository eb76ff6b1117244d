package io.bazaar.order.saga;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.order.support.KafkaTopics;
import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inventory event the saga cannot apply goes to its dead letter topic at once, with
 * its origin and cause, and the events behind it on the same partition are applied.
 */
class InventoryEventDeadLetterIntegrationTest extends OrderServiceIntegrationTestBase {

	private final String token = customerToken(UUID.randomUUID());

	@Test
	void unreadableEventsAreDeadLetteredAndTheEventsBehindThemApplied() {
		// Nothing in stock: once resumed, the catalog double rejects the order too, as the
		// StockRejected sent here said it would, and holds nothing for it.
		UUID product = product("21.00", 0);
		UUID orderId;
		String notJson = "not json at all";
		String withoutIds = "{\"type\":\"StockRejected\",\"version\":1,\"reason\":\"insufficient-stock\"}";
		String unknownVersion;
		platform.inventory().pause();
		try {
			orderId = this.api.place(this.token, OrderApi.order(product, 1)).id();
			unknownVersion = stockEvent("StockReserved", orderId, 2);
			send(orderId, notJson);
			send(orderId, withoutIds);
			send(orderId, unknownVersion);
			send(orderId, stockEvent("StockRejected", orderId, 1));

			awaitStatus(orderId, "CANCELLED");
		}
		finally {
			platform.inventory().resume();
		}

		assertThat(history(orderId)).as("the StockReserved of version 2 was not applied")
			.containsExactly("PENDING", "CANCELLED");
		assertThat(cancelReason(orderId)).isEqualTo("insufficient-stock");
		List<ConsumerRecord<String, String>> dead = eventually()
			.until(() -> platform.kafka().readAll(deadLetterTopic(), orderId), (records) -> records.size() == 3);
		assertThat(dead).extracting(ConsumerRecord::value).containsExactly(notJson, withoutIds, unknownVersion);
		assertThat(dead).allSatisfy((record) -> {
			assertThat(KafkaTopics.header(record, "kafka_dlt-exception-cause-fqcn"))
				.isEqualTo(MalformedEventException.class.getName());
			assertThat(KafkaTopics.header(record, "kafka_dlt-original-topic")).isEqualTo(platform.inventoryEvents());
		});
		assertThat(KafkaTopics.header(dead.get(1), "kafka_dlt-exception-message")).contains("lacks its eventId");
		assertThat(KafkaTopics.header(dead.get(2), "kafka_dlt-exception-message"))
			.contains("of version 2; this consumer reads version 1");
		assertThat(KafkaTopics.header(dead.get(2), "eventId")).as("the original headers travel with it")
			.isEqualTo("v2-event");
	}

	private static String deadLetterTopic() {
		return platform.inventoryEvents() + "." + platform.sagaGroup() + ".dlt";
	}

	private static void send(UUID orderId, String value) {
		platform.kafka()
			.send(platform.inventoryEvents(), orderId.toString(), value,
					value.contains("\"version\":2") ? Map.of("eventId", "v2-event") : Map.of());
	}

	private static String stockEvent(String type, UUID orderId, int version) {
		return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"version\":" + version
				+ ",\"occurredAt\":\"" + Instant.now() + "\",\"orderId\":\"" + orderId
				+ "\",\"traceparent\":null,\"reason\":\"insufficient-stock\",\"productIds\":[],\"items\":[]}";
	}

}
