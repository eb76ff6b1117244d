package io.bazaar.order.saga;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event the order service consumes, delivered twice, has its effect once: the event
 * id is recorded with the effect and a redelivery is skipped.
 */
class DuplicateDeliveryIntegrationTest extends OrderServiceIntegrationTestBase {

	private final String token = customerToken(UUID.randomUUID());

	@Test
	void stockReservedTwiceQueuesOnePayment() {
		UUID product = product("14.00", 3);
		UUID orderId;
		platform.inventory().duplicateAnswers(true);
		try {
			orderId = this.api.place(this.token, OrderApi.order(product, 1)).id();
			eventually().until(() -> platform.kafka().readAll(platform.inventoryEvents(), orderId).size() == 2);
		}
		finally {
			platform.inventory().duplicateAnswers(false);
		}
		awaitStatus(orderId, "CONFIRMED");
		eventually().until(() -> platform.kafka().consumedAll(platform.sagaGroup(), platform.inventoryEvents()));

		assertThat(sameEventId(platform.kafka().readAll(platform.inventoryEvents(), orderId))).isTrue();
		assertThat(history(orderId)).containsExactly("PENDING", "STOCK_RESERVED", "CONFIRMED");
		assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "PaymentRequested", "OrderConfirmed");
		assertThat(providerCalls(orderId)).isEqualTo(1);
	}

	@Test
	void stockRejectedTwiceCancelsOnce() {
		UUID product = product("14.50", 0);
		UUID orderId;
		platform.inventory().duplicateAnswers(true);
		try {
			orderId = this.api.place(this.token, OrderApi.order(product, 1)).id();
			eventually().until(() -> platform.kafka().readAll(platform.inventoryEvents(), orderId).size() == 2);
		}
		finally {
			platform.inventory().duplicateAnswers(false);
		}
		eventually().until(() -> platform.kafka().consumedAll(platform.sagaGroup(), platform.inventoryEvents()));

		assertThat(status(orderId)).isEqualTo("CANCELLED");
		assertThat(history(orderId)).containsExactly("PENDING", "CANCELLED");
		assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "OrderCancelled");
	}

	@Test
	void paymentTaskTwiceChargesOnce() {
		UUID product = product("16.00", 3);
		UUID orderId;
		paymentWorkers().stop();
		try {
			orderId = this.api.place(this.token, OrderApi.order(product, 1)).id();
			eventually().until(() -> platform.kafka().readAll(platform.paymentTasks(), orderId).size() == 1);
			redeliver(platform.paymentTasks(), platform.kafka().readAll(platform.paymentTasks(), orderId).get(0));
		}
		finally {
			paymentWorkers().start();
		}
		awaitStatus(orderId, "CONFIRMED");
		eventually().until(() -> platform.kafka().consumedAll(platform.paymentGroup(), platform.paymentTasks()));

		assertThat(platform.kafka().readAll(platform.paymentTasks(), orderId)).hasSize(2);
		assertThat(providerCalls(orderId)).isEqualTo(1);
		assertThat(history(orderId)).containsExactly("PENDING", "STOCK_RESERVED", "CONFIRMED");
		assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "PaymentRequested", "OrderConfirmed");
	}

	@Test
	void deadLetterTwiceCancelsOnce() {
		UUID product = product("17.66", 2);
		UUID orderId = this.api.place(this.token, OrderApi.order(product, 1)).id();
		awaitStatus(orderId, "CANCELLED");
		eventually().until(() -> platform.kafka().readAll(platform.paymentDeadLetters(), orderId).size() == 1);

		redeliver(platform.paymentDeadLetters(),
				platform.kafka().readAll(platform.paymentDeadLetters(), orderId).get(0));
		eventually().until(() -> platform.kafka().readAll(platform.paymentDeadLetters(), orderId).size() == 2);
		eventually()
			.until(() -> platform.kafka().consumedAll(platform.deadLetterGroup(), platform.paymentDeadLetters()));

		assertThat(cancelReason(orderId)).isEqualTo("payment-failed");
		assertThat(history(orderId)).containsExactly("PENDING", "STOCK_RESERVED", "CANCELLED");
		assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "PaymentRequested", "OrderCancelled");
	}

	/**
	 * The relay crashed after the broker acknowledged the order's events and before it
	 * stamped them published: they are all published again.
	 */
	@Test
	void everyOrderEventAndTaskPublishedAgainChangesNothing() {
		UUID product = product("19.00", 4);
		UUID orderId = this.api.place(this.token, OrderApi.order(product, 2)).id();
		awaitStatus(orderId, "CONFIRMED");
		eventually().until(() -> outboxDrained(orderId));
		eventually().until(() -> platform.inventory().sold(product) == 2);

		this.jdbc.update("UPDATE outbox_event SET published_at = NULL WHERE aggregate_id = ?", orderId.toString());

		eventually().until(() -> platform.kafka().types(platform.orderEvents(), orderId).size() == 4);
		eventually().until(() -> platform.kafka().readAll(platform.paymentTasks(), orderId).size() == 2);
		assertThat(platform.kafka().types(platform.orderEvents(), orderId)).containsExactly("OrderPlaced",
				"OrderConfirmed", "OrderPlaced", "OrderConfirmed");
		eventually().until(() -> platform.kafka().consumedAll(platform.paymentGroup(), platform.paymentTasks()));
		assertThat(status(orderId)).isEqualTo("CONFIRMED");
		assertThat(history(orderId)).containsExactly("PENDING", "STOCK_RESERVED", "CONFIRMED");
		assertThat(providerCalls(orderId)).isEqualTo(1);
		assertThat(platform.inventory().sold(product)).isEqualTo(2);
		assertThat(platform.inventory().available(product)).isEqualTo(2);
		assertThat(platform.inventory().violations()).isEmpty();
	}

	private static void redeliver(String topic, ConsumerRecord<String, String> record) {
		Map<String, String> headers = new HashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		platform.kafka().send(topic, record.key(), record.value(), headers);
	}

	private static boolean sameEventId(List<ConsumerRecord<String, String>> records) {
		return records.stream().map(ConsumerRecord::value).distinct().count() == 1;
	}

}
