package io.bazaar.order.saga;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.bazaar.order.support.KafkaTopics;
import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderApi.Response;
import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order saga end to end: order-service with real PostgreSQL, Redis and Kafka, the
 * catalog's inventory side played by its double on the same broker.
 */
class OrderSagaIntegrationTest extends OrderServiceIntegrationTestBase {

	@Autowired
	private DataSource dataSource;

	private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");

	private final UUID customer = UUID.randomUUID();

	private final String token = customerToken(this.customer);

	@Nested
	class HappyPath {

		@Test
		void placedOrderIsConfirmedWithItsEventsOnTheirTopics() {
			UUID product = product("24.50", 10);

			Response placed = OrderSagaIntegrationTest.this.api.place(OrderSagaIntegrationTest.this.token,
					OrderApi.order(product, 3));

			assertThat(placed.status()).isEqualTo(201);
			assertThat(placed.body().path("status").asString()).isEqualTo("PENDING");
			assertThat(placed.body().path("total").path("amount").asString()).isEqualTo("73.50");
			assertThat(placed.body().path("items").get(0).path("unitPrice").path("amount").asString())
				.isEqualTo("24.50");
			UUID orderId = placed.id();
			assertThat(placed.header("Location")).isEqualTo("/api/orders/" + orderId);
			awaitStatus(orderId, "CONFIRMED");

			Response read = OrderSagaIntegrationTest.this.api.get("/api/orders/" + orderId,
					OrderSagaIntegrationTest.this.token);
			assertThat(read.body().path("status").asString()).isEqualTo("CONFIRMED");
			assertThat(read.body().path("history").findValuesAsString("status")).containsExactly("PENDING",
					"STOCK_RESERVED", "CONFIRMED");
			assertThat(platform.inventory().available(product)).isEqualTo(7);
			eventually().until(() -> platform.inventory().sold(product) == 3);
			assertThat(paymentStatus(orderId)).isEqualTo("AUTHORISED");
			assertThat(providerCalls(orderId)).isEqualTo(1);

			KafkaTopics kafka = platform.kafka();
			eventually().until(() -> kafka.types(platform.orderEvents(), orderId).size() == 2);
			assertThat(kafka.types(platform.orderEvents(), orderId)).containsExactly("OrderPlaced", "OrderConfirmed");
			assertThat(kafka.types(platform.inventoryEvents(), orderId)).containsExactly("StockReserved");
			assertThat(kafka.types(platform.paymentTasks(), orderId)).containsExactly("PaymentRequested");
			assertThat(platform.inventory().violations()).isEmpty();
		}

		@Test
		void eventsCarryTheEnvelopeAndContinueOneTrace() {
			UUID product = product("10.00", 5);
			UUID orderId = OrderSagaIntegrationTest.this.api
				.place(OrderSagaIntegrationTest.this.token, OrderApi.order(product, 1))
				.id();
			awaitStatus(orderId, "CONFIRMED");
			KafkaTopics kafka = platform.kafka();
			eventually().until(() -> kafka.readAll(platform.orderEvents(), orderId).size() == 2);

			List<ConsumerRecord<String, String>> records = kafka.readAll(platform.orderEvents(), orderId);
			List<JsonNode> events = kafka.events(platform.orderEvents(), orderId);
			for (int i = 0; i < records.size(); i++) {
				JsonNode event = events.get(i);
				assertThat(UUID.fromString(event.path("eventId").asString())).isNotNull();
				assertThat(event.path("version").asInt()).isEqualTo(1);
				assertThat(Instant.parse(event.path("occurredAt").asString())).isBefore(Instant.now());
				assertThat(event.path("orderId").asString()).isEqualTo(orderId.toString());
				assertThat(event.path("userId").asString())
					.isEqualTo(OrderSagaIntegrationTest.this.customer.toString());
				assertThat(event.path("traceparent").asString()).matches(TRACEPARENT);
				assertThat(KafkaTopics.header(records.get(i), "traceparent"))
					.isEqualTo(event.path("traceparent").asString());
				assertThat(records.get(i).key()).isEqualTo(orderId.toString());
			}
			JsonNode placed = events.get(0);
			assertThat(placed.path("items").get(0).path("productId").asString()).isEqualTo(product.toString());
			assertThat(placed.path("items").get(0).path("unitPrice").asString()).isEqualTo("10.00");
			assertThat(placed.path("total").asString()).isEqualTo("10.00");
			assertThat(placed.path("currency").asString()).isEqualTo("EUR");
			JsonNode confirmed = events.get(1);
			assertThat(confirmed.path("items").get(0).path("sku").asString())
				.isEqualTo(platform.catalog().skuOf(product));
			assertThat(traceId(confirmed)).as("the confirmation continues the trace of the placement")
				.isEqualTo(traceId(placed));
		}

		private static String traceId(JsonNode event) {
			return event.path("traceparent").asString().split("-")[1];
		}

	}

	@Nested
	class Compensation {

		@Test
		void insufficientStockCancelsTheOrderAndLeavesTheStockAlone() {
			UUID product = product("12.00", 1);

			UUID orderId = OrderSagaIntegrationTest.this.api
				.place(OrderSagaIntegrationTest.this.token, OrderApi.order(product, 2))
				.id();

			awaitStatus(orderId, "CANCELLED");
			assertThat(cancelReason(orderId)).isEqualTo("insufficient-stock");
			assertThat(platform.inventory().available(product)).isEqualTo(1);
			assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "OrderCancelled");
			eventually().until(() -> platform.kafka().events(platform.orderEvents(), orderId).size() == 2);
			JsonNode cancelled = platform.kafka().events(platform.orderEvents(), orderId).get(1);
			assertThat(cancelled.path("reason").asString()).isEqualTo("insufficient-stock");
			assertThat(cancelled.path("stockReserved").asBoolean()).isFalse();
			assertThat(providerCalls(orderId)).isZero();
		}

		@Test
		void declinedPaymentReleasesTheStockAndCancelsTheOrder() {
			UUID product = product("20.13", 4);

			UUID orderId = OrderSagaIntegrationTest.this.api
				.place(OrderSagaIntegrationTest.this.token, OrderApi.order(product, 1))
				.id();

			awaitStatus(orderId, "CANCELLED");
			assertThat(cancelReason(orderId)).isEqualTo("payment-declined");
			assertThat(history(orderId)).containsExactly("PENDING", "STOCK_RESERVED", "CANCELLED");
			assertThat(paymentStatus(orderId)).isEqualTo("DECLINED");
			eventually().until(() -> "RELEASED".equals(platform.inventory().reservationState(orderId)));
			assertThat(platform.inventory().available(product)).isEqualTo(4);
			assertThat(platform.inventory().sold(product)).isZero();
			JsonNode cancelled = platform.kafka().events(platform.orderEvents(), orderId).get(1);
			assertThat(cancelled.path("reason").asString()).isEqualTo("payment-declined");
			assertThat(cancelled.path("stockReserved").asBoolean()).isTrue();
		}

		@Test
		void transientProviderFailureIsRetriedAndTheOrderConfirmed() {
			UUID product = product("30.67", 2);

			UUID orderId = OrderSagaIntegrationTest.this.api
				.place(OrderSagaIntegrationTest.this.token, OrderApi.order(product, 1))
				.id();

			awaitStatus(orderId, "CONFIRMED");
			assertThat(providerCalls(orderId)).isEqualTo(2);
			assertThat(platform.kafka().readAll(platform.paymentDeadLetters(), orderId)).isEmpty();
		}

		@Test
		void paymentThatKeepsFailingIsDeadLetteredAndTheOrderCancelledWithItsStockReleased() {
			// The simulated provider is unavailable for totals ending in .66, every time.
			UUID product = product("40.66", 3);

			UUID orderId = OrderSagaIntegrationTest.this.api
				.place(OrderSagaIntegrationTest.this.token, OrderApi.order(product, 1))
				.id();

			awaitStatus(orderId, "CANCELLED");
			assertThat(cancelReason(orderId)).isEqualTo("payment-failed");
			assertThat(providerCalls(orderId)).as("the first attempt and three retries").isEqualTo(4);
			assertThat(paymentStatus(orderId)).isEqualTo("FAILED");
			List<ConsumerRecord<String, String>> dead = platform.kafka()
				.readAll(platform.paymentDeadLetters(), orderId);
			assertThat(dead).hasSize(1);
			assertThat(KafkaTopics.header(dead.get(0), "kafka_dlt-exception-cause-fqcn"))
				.endsWith("TransientPaymentException");
			assertThat(KafkaTopics.header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo(platform.paymentTasks());
			eventually().until(() -> "RELEASED".equals(platform.inventory().reservationState(orderId)));
			assertThat(platform.inventory().available(product)).isEqualTo(3);
			eventually().alias("the workers committed past the dead task")
				.until(() -> platform.kafka().consumedAll(platform.paymentGroup(), platform.paymentTasks()));
		}

	}

	@Nested
	class CustomerCancellation {

		@Test
		void customerCancelsWhileTheCatalogIsStillDeciding() {
			UUID product = product("15.00", 6);
			platform.inventory().pause();
			UUID orderId;
			try {
				orderId = OrderSagaIntegrationTest.this.api
					.place(OrderSagaIntegrationTest.this.token, OrderApi.order(product, 2))
					.id();

				Response cancelled = OrderSagaIntegrationTest.this.api.cancel(orderId,
						OrderSagaIntegrationTest.this.token);

				assertThat(cancelled.status()).isEqualTo(200);
				assertThat(cancelled.body().path("status").asString()).isEqualTo("CANCELLED");
				assertThat(cancelled.body().path("cancellationReason").asString()).isEqualTo("customer-cancelled");
			}
			finally {
				platform.inventory().resume();
			}
			// The catalog reserves on OrderPlaced, then releases on OrderCancelled, in
			// order.
			eventually().until(() -> "RELEASED".equals(platform.inventory().reservationState(orderId)));
			eventually().until(() -> platform.kafka().types(platform.inventoryEvents(), orderId).size() == 1);
			assertThat(platform.inventory().available(product)).isEqualTo(6);
			assertThat(status(orderId)).isEqualTo("CANCELLED");
			assertThat(history(orderId)).containsExactly("PENDING", "CANCELLED");
			assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "OrderCancelled");
			assertThat(platform.inventory().violations()).isEmpty();
		}

		@Test
		void customerCancelsWhileThePaymentIsQueuedAndIsNeverCharged() {
			UUID product = product("18.00", 5);
			paymentWorkers().stop();
			UUID orderId;
			try {
				orderId = OrderSagaIntegrationTest.this.api
					.place(OrderSagaIntegrationTest.this.token, OrderApi.order(product, 1))
					.id();
				awaitStatus(orderId, "STOCK_RESERVED");

				Response cancelled = OrderSagaIntegrationTest.this.api.cancel(orderId,
						OrderSagaIntegrationTest.this.token);

				assertThat(cancelled.status()).isEqualTo(200);
				assertThat(cancelled.body().path("cancellationReason").asString()).isEqualTo("customer-cancelled");
				eventually().until(() -> platform.kafka().types(platform.paymentTasks(), orderId).size() == 1);
			}
			finally {
				paymentWorkers().start();
			}
			eventually().until(() -> "RELEASED".equals(platform.inventory().reservationState(orderId)));
			assertThat(platform.inventory().available(product)).isEqualTo(5);
			eventually().until(() -> OrderSagaIntegrationTest.this.jdbc.queryForObject(
					"SELECT count(*) FROM processed_event WHERE consumer = 'payment-worker' AND event_id = ?",
					Integer.class, taskId(orderId)) == 1);
			assertThat(providerCalls(orderId)).isZero();
			assertThat(paymentStatus(orderId)).isNull();
			assertThat(status(orderId)).isEqualTo("CANCELLED");
		}

		/**
		 * The customer's cancellation commits while the provider is authorising: the
		 * worker finds the order cancelled when it applies the authorisation, and voids
		 * it. The interleaving is forced with the order's row lock, which both wait for
		 * in turn.
		 */
		@Test
		void customerCancelsWhileThePaymentIsBeingAuthorisedAndTheAuthorisationIsVoided() throws Exception {
			UUID product = product("21.00", 4);
			paymentWorkers().stop();
			UUID orderId;
			CompletableFuture<Response> cancelled;
			try (Connection holder = OrderSagaIntegrationTest.this.dataSource.getConnection()) {
				try {
					orderId = OrderSagaIntegrationTest.this.api
						.place(OrderSagaIntegrationTest.this.token, OrderApi.order(product, 1))
						.id();
					awaitStatus(orderId, "STOCK_RESERVED");
					eventually().until(() -> platform.kafka().types(platform.paymentTasks(), orderId).size() == 1);
					holder.setAutoCommit(false);
					try (PreparedStatement lock = holder
						.prepareStatement("SELECT id FROM customer_order WHERE id = ? FOR UPDATE")) {
						lock.setObject(1, orderId);
						lock.executeQuery();
					}
					cancelled = CompletableFuture.supplyAsync(() -> OrderSagaIntegrationTest.this.api.cancel(orderId,
							OrderSagaIntegrationTest.this.token));
					eventually().until(() -> waitingForLocks() == 1);
				}
				finally {
					paymentWorkers().start();
				}
				eventually().until(() -> providerCalls(orderId) == 1 && waitingForLocks() == 2);
				holder.rollback();
			}

			assertThat(cancelled.get(1, TimeUnit.MINUTES).status()).isEqualTo(200);
			eventually().until(() -> "VOIDED".equals(paymentStatus(orderId)));
			assertThat(status(orderId)).isEqualTo("CANCELLED");
			assertThat(cancelReason(orderId)).isEqualTo("customer-cancelled");
			// The provider is told once the cancellation and the authorisation are
			// committed.
			eventually().until(() -> OrderSagaIntegrationTest.this.redis.opsForValue()
				.get("payment-sim:authorisation:" + orderId)
				.startsWith("VOIDED:"));
			assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "PaymentRequested", "OrderCancelled");
			eventually().until(() -> "RELEASED".equals(platform.inventory().reservationState(orderId)));
			assertThat(platform.inventory().available(product)).isEqualTo(4);
		}

		private int waitingForLocks() {
			return OrderSagaIntegrationTest.this.jdbc.queryForObject(
					"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
					Integer.class);
		}

		@Test
		void aConfirmedOrderCannotBeCancelled() {
			UUID product = product("9.00", 2);
			UUID orderId = OrderSagaIntegrationTest.this.api
				.place(OrderSagaIntegrationTest.this.token, OrderApi.order(product, 1))
				.id();
			awaitStatus(orderId, "CONFIRMED");

			Response refused = OrderSagaIntegrationTest.this.api.cancel(orderId, OrderSagaIntegrationTest.this.token);

			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.isProblem()).isTrue();
			assertThat(refused.body().path("type").asString())
				.isEqualTo("https://bazaar.example/problems/order-not-cancellable");
			assertThat(status(orderId)).isEqualTo("CONFIRMED");
			assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "PaymentRequested", "OrderConfirmed");
		}

		@Test
		void anotherUserCannotCancelAnOrder() {
			UUID product = product("9.50", 2);
			platform.inventory().pause();
			try {
				UUID orderId = OrderSagaIntegrationTest.this.api
					.place(OrderSagaIntegrationTest.this.token, OrderApi.order(product, 1))
					.id();

				Response refused = OrderSagaIntegrationTest.this.api.cancel(orderId, customerToken(UUID.randomUUID()));

				assertThat(refused.status()).isEqualTo(404);
				assertThat(refused.isProblem()).isTrue();
				assertThat(status(orderId)).isEqualTo("PENDING");
			}
			finally {
				platform.inventory().resume();
			}
		}

		private UUID taskId(UUID orderId) {
			return OrderSagaIntegrationTest.this.jdbc.queryForObject(
					"SELECT id FROM outbox_event WHERE aggregate_id = ? AND event_type = 'PaymentRequested'",
					UUID.class, orderId.toString());
		}

	}

}
