package io.bazaar.catalog.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.bazaar.catalog.support.CatalogServiceIntegrationTestBase;
import io.bazaar.testsupport.kafka.KafkaRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog's part in the order saga over the real broker: order events in on
 * {@code orders.events.v1}, stock held, released or sold, answers out on
 * {@code inventory.events.v1}, each event applied once however often it arrives.
 */
class OrderSagaParticipantIntegrationTest extends CatalogServiceIntegrationTestBase {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final List<JsonNode> answers = new CopyOnWriteArrayList<>();

	private KafkaProducer<String, String> producer;

	private KafkaConsumer<String, String> consumer;

	private Thread listening;

	private volatile boolean listen = true;

	@BeforeEach
	void connectToTheBroker() {
		String servers = this.infrastructure.kafka().bootstrapServers();
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
				new StringSerializer(), new StringSerializer());
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG,
						"saga-test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		this.consumer.subscribe(List.of(InventoryEvent.TOPIC));
		this.listening = new Thread(() -> {
			while (this.listen) {
				this.consumer.poll(Duration.ofMillis(200)).forEach((record) -> this.answers.add(body(record.value())));
			}
			this.consumer.close();
		}, "inventory-events-listener");
		this.listening.start();
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.listen = false;
		this.listening.join();
		this.producer.close();
	}

	@Test
	void aPlacedOrderIsReservedAndAnsweredOnceHoweverOftenItArrives() throws Exception {
		String productId = newProduct(newCategory(), "12.50", 10).path("id").asString();
		UUID orderId = UUID.randomUUID();
		String placed = orderPlaced(orderId, productId, 3);

		publish(orderId, placed);
		publish(orderId, placed);
		publish(orderId, placed);

		JsonNode answer = awaitAnswer(orderId);
		assertThat(answer.path("type").asString()).isEqualTo("StockReserved");
		assertThat(answer.path("items").get(0).path("quantity").asInt()).isEqualTo(3);
		assertThat(answer.path("version").asInt()).isEqualTo(1);
		assertThat(answer.path("eventId").asString()).isNotBlank();
		Thread.sleep(2000);
		assertThat(answersFor(orderId)).as("one answer for three deliveries").hasSize(1);
		assertThat(stock(productId).path("reserved").asInt()).isEqualTo(3);
	}

	@Test
	void anOrderBeyondTheStockIsRejectedAndHoldsNothing() {
		String productId = newProduct(newCategory(), "4.00", 2).path("id").asString();
		UUID orderId = UUID.randomUUID();

		publish(orderId, orderPlaced(orderId, productId, 5));

		JsonNode answer = awaitAnswer(orderId);
		assertThat(answer.path("type").asString()).isEqualTo("StockRejected");
		assertThat(answer.path("reason").asString()).isEqualTo("insufficient-stock");
		assertThat(answer.path("productIds").get(0).asString()).isEqualTo(productId);
		assertThat(stock(productId).path("reserved").asInt()).isZero();
		assertThat(stock(productId).path("onHand").asInt()).isEqualTo(2);
	}

	@Test
	void aCancelledOrderGivesItsUnitsBackOnce() {
		String productId = newProduct(newCategory(), "9.99", 5).path("id").asString();
		UUID orderId = UUID.randomUUID();
		publish(orderId, orderPlaced(orderId, productId, 4));
		awaitAnswer(orderId);
		String cancelled = envelope("OrderCancelled", orderId,
				"\"userId\":\"" + UUID.randomUUID() + "\",\"reason\":\"payment-declined\",\"stockReserved\":true");

		publish(orderId, cancelled);
		publish(orderId, cancelled);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stock(productId).path("reserved").asInt()).isZero());
		assertThat(stock(productId).path("onHand").asInt()).isEqualTo(5);
	}

	@Test
	void aConfirmedOrderTakesItsUnitsOutOfStockOnce() {
		String productId = newProduct(newCategory(), "3.10", 6).path("id").asString();
		UUID orderId = UUID.randomUUID();
		publish(orderId, orderPlaced(orderId, productId, 2));
		awaitAnswer(orderId);
		String confirmed = envelope("OrderConfirmed", orderId, "\"userId\":\"" + UUID.randomUUID() + "\"");

		publish(orderId, confirmed);
		publish(orderId, confirmed);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stock(productId).path("onHand").asInt()).isEqualTo(4));
		assertThat(stock(productId).path("reserved").asInt()).isZero();
	}

	@Test
	void eventsOfOtherTypesAreIgnored() {
		String productId = newProduct(newCategory(), "1.00", 3).path("id").asString();
		UUID orderId = UUID.randomUUID();

		publish(orderId, envelope("OrderShipped", orderId, "\"carrier\":\"x\""));
		publish(orderId, orderPlaced(orderId, productId, 1));

		JsonNode answer = awaitAnswer(orderId);
		assertThat(answer.path("type").asString()).isEqualTo("StockReserved");
		assertThat(deadLettersWithKey(orderId)).isEmpty();
	}

	@Test
	void eventsItCannotReadGoToTheDeadLetterTopicAndTheEventsBehindThemFlow() {
		String productId = newProduct(newCategory(), "1.00", 3).path("id").asString();
		UUID orderId = UUID.randomUUID();
		String otherVersion = orderPlaced(orderId, productId, 1).replace("\"version\":1", "\"version\":2");
		String withoutIds = "{\"version\":1,\"type\":\"OrderPlaced\"}";

		publish(orderId, otherVersion);
		publish(orderId, withoutIds);
		publish(orderId, "not json at all");
		publish(orderId, orderPlaced(orderId, productId, 2));

		JsonNode answer = awaitAnswer(orderId);
		assertThat(answer.path("type").asString()).as("the partition kept flowing").isEqualTo("StockReserved");
		assertThat(stock(productId).path("reserved").asInt()).isEqualTo(2);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLettersWithKey(orderId)).hasSize(3));
		List<ConsumerRecord<String, String>> dead = deadLettersWithKey(orderId);
		assertThat(dead).extracting(ConsumerRecord::value).containsExactly(otherVersion, withoutIds, "not json at all");
		assertThat(dead).allSatisfy((record) -> {
			assertThat(header(record, "kafka_dlt-exception-cause-fqcn")).endsWith("UnreadableOrderEventException");
			assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo("orders.events.v1");
		});
		assertThat(header(dead.get(1), "kafka_dlt-exception-message")).contains("lacks a valid eventId");
	}

	private List<ConsumerRecord<String, String>> deadLettersWithKey(UUID key) {
		return new KafkaRecords(this.infrastructure.kafka().bootstrapServers())
			.readAll("orders.events.v1.catalog-inventory.dlt", key.toString());
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return KafkaRecords.header(record, name);
	}

	private JsonNode awaitAnswer(UUID orderId) {
		await().atMost(PATIENCE).until(() -> !answersFor(orderId).isEmpty());
		return answersFor(orderId).get(0);
	}

	private List<JsonNode> answersFor(UUID orderId) {
		List<JsonNode> matching = new ArrayList<>();
		this.answers.stream()
			.filter((answer) -> orderId.toString().equals(answer.path("orderId").asString()))
			.forEach(matching::add);
		return matching;
	}

	private void publish(UUID orderId, String event) {
		this.producer.send(new ProducerRecord<>("orders.events.v1", orderId.toString(), event));
		this.producer.flush();
	}

	private static String orderPlaced(UUID orderId, String productId, int quantity) {
		return envelope("OrderPlaced", orderId,
				"\"userId\":\"" + UUID.randomUUID() + "\",\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":"
						+ quantity
						+ ",\"unitPrice\":\"1.00\",\"currency\":\"EUR\"}],\"total\":\"1.00\",\"currency\":\"EUR\"");
	}

	private static String envelope(String type, UUID orderId, String payload) {
		return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"version\":1,\"occurredAt\":\""
				+ Instant.now() + "\",\"orderId\":\"" + orderId + "\",\"traceparent\":null," + payload + "}";
	}

	private JsonNode stock(String productId) {
		return body(getWithToken("/api/inventory/" + productId, tokens.service()));
	}

	private static JsonNode body(String value) {
		return json.readTree(value);
	}

}
