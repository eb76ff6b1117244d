package io.bazaar.order.saga;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.order.support.KafkaTopics;
import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import io.bazaar.testsupport.kafka.KafkaRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inventory event the saga cannot apply goes to its dead letter topic at once, with
 * its origin and cause, and the events behind it on the same partition are applied.
 */
class InventoryEventDeadLetterIntegrationTest extends OrderServiceIntegrationTestBase {

	private final String token = customerToken(UUID.randomUUID());

	private final String admin = tokens.admin(UUID.randomUUID());

	@Test
	void unreadableEventsAreDeadLetteredAndTheEventsBehindThemApplied() {
		// Nothing in stock: once resumed, the catalog double rejects the order too, as
		// the
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

	@Test
	void deadLettersAreListedForAdminsWithTheirCause() {
		UUID key = UUID.randomUUID();
		send(key, "{\"type\":\"StockReserved\",\"version\":1}");

		JsonNode letter = eventually().until(() -> letterWithKey(key), (found) -> found != null);

		assertThat(letter.path("deadLetterTopic").asString()).isEqualTo(deadLetterTopic());
		assertThat(letter.path("originTopic").asString()).isEqualTo(platform.inventoryEvents());
		assertThat(letter.path("consumerGroup").asString()).isEqualTo(platform.sagaGroup());
		assertThat(letter.path("cause").path("exception").asString())
			.isEqualTo(MalformedEventException.class.getName());
		assertThat(letter.path("cause").path("message").asString()).contains("lacks its eventId or orderId");
		assertThat(this.api.get("/api/admin/dead-letters", this.token).status()).isEqualTo(403);
		OrderApi.Response unknown = this.api.post("/api/admin/dead-letters/" + UUID.randomUUID() + "/replay",
				this.admin);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isProblem()).isTrue();
		assertThat(unknown.body().path("type").asString()).isEqualTo("https://bazaar.example/problems/not-found");
		assertThat(unknown.body().path("detail").asString()).startsWith("No dead letter '");
	}

	@Test
	void aReplayedStockRejectedCancelsItsOrderOnce() {
		UUID product = product("23.00", 0);
		UUID orderId;
		platform.inventory().pause();
		try {
			orderId = this.api.place(this.token, OrderApi.order(product, 1)).id();
			String rejected = stockEvent("StockRejected", orderId, 1);
			// As left by the dead letter publisher after its retries were spent.
			new KafkaRecords(platform.kafka().bootstrapServers()).publishDeadLetter(deadLetterTopic(),
					platform.inventoryEvents(), orderId.toString(), rejected, QueryTimeoutException.class,
					"canceling statement due to statement timeout", Map.of());
			JsonNode letter = eventually().until(() -> letterWithKey(orderId), (found) -> found != null);
			assertThat(status(orderId)).isEqualTo("PENDING");

			OrderApi.Response replayed = this.api
				.post("/api/admin/dead-letters/" + letter.path("id").asString() + "/replay", this.admin);

			assertThat(replayed.status()).isEqualTo(200);
			awaitStatus(orderId, "CANCELLED");
			OrderApi.Response again = this.api
				.post("/api/admin/dead-letters/" + letter.path("id").asString() + "/replay", this.admin);
			assertThat(again.status()).isEqualTo(409);
			assertThat(again.isProblem()).isTrue();
		}
		finally {
			platform.inventory().resume();
		}
		assertThat(history(orderId)).containsExactly("PENDING", "CANCELLED");
		assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "OrderCancelled");
		eventually().until(() -> platform.inventory()
			.received(orderId)
			.stream()
			.anyMatch((event) -> "OrderCancelled".equals(event.path("type").asString())));
		assertThat(platform.inventory().violations()).isEmpty();
	}

	private JsonNode letterWithKey(UUID key) {
		OrderApi.Response letters = this.api.get("/api/admin/dead-letters", this.admin);
		assertThat(letters.status()).isEqualTo(200);
		return letters.body()
			.path("items")
			.valueStream()
			.filter((letter) -> key.toString().equals(letter.path("key").asString()))
			.findFirst()
			.orElse(null);
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
