package io.bazaar.order.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.bazaar.order.support.KafkaTopics;
import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The payment task queue: its visible backlog, its lag metric and its dead letters. */
class PaymentQueueIntegrationTest extends OrderServiceIntegrationTestBase {

	@Autowired
	private PaymentBacklog backlog;

	@Autowired
	private MeterRegistry meters;

	private final String token = customerToken(UUID.randomUUID());

	@Test
	void tasksWaitingForWorkersShowAsBacklogAndAreWorkedOffWhenWorkersReturn() {
		UUID product = product("3.50", 10);
		eventually().until(() -> this.backlog.current() == 0);
		List<UUID> orders = new ArrayList<>();
		paymentWorkers().stop();
		try {
			for (int i = 0; i < 3; i++) {
				orders.add(this.api.place(this.token, OrderApi.order(product, 1)).id());
			}
			orders.forEach((orderId) -> awaitStatus(orderId, "STOCK_RESERVED"));
			eventually().until(() -> this.backlog.current() == 3);
			assertThat(prometheus()).containsPattern("bazaar_payments_backlog\\{[^}]*\\} 3\\.0");
		}
		finally {
			paymentWorkers().start();
		}
		orders.forEach((orderId) -> awaitStatus(orderId, "CONFIRMED"));
		eventually().until(() -> this.backlog.current() == 0);
	}

	@Test
	void aWorkerHasManyChargesUnderWayAtOnceWhileTheProviderTakesItsTime() throws Exception {
		UUID product = product("2.10", 100);
		eventually().until(() -> this.backlog.current() == 0);
		List<UUID> orders = new ArrayList<>();
		paymentWorkers().stop();
		try {
			for (int i = 0; i < 30; i++) {
				orders.add(this.api.place(this.token, OrderApi.order(product, 1)).id());
			}
			orders.forEach((orderId) -> awaitStatus(orderId, "STOCK_RESERVED"));
		}
		finally {
			paymentWorkers().start();
		}
		AtomicInteger mostAtOnce = new AtomicInteger();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				mostAtOnce.accumulateAndGet((int) this.meters.get("bazaar.payments.in.flight").gauge().value(),
						Math::max);
				Thread.onSpinWait();
			}
		});
		sampler.start();
		try {
			orders.forEach((orderId) -> awaitStatus(orderId, "CONFIRMED"));
		}
		finally {
			sampler.interrupt();
			sampler.join();
		}

		assertThat(mostAtOnce.get()).as("charges under way at once (one at a time would be 1 per worker)")
			.isGreaterThanOrEqualTo(10);
		orders.forEach((orderId) -> assertThat(providerCalls(orderId)).isEqualTo(1));
		assertThat(this.meters.get("bazaar.payments.in.flight").gauge().value()).isZero();
	}

	@Test
	void workersExposeTheirConsumerLag() {
		UUID orderId = this.api.place(this.token, OrderApi.order(product("4.00", 2), 1)).id();
		awaitStatus(orderId, "CONFIRMED");

		eventually().until(() -> prometheus().lines()
			.anyMatch((line) -> line.startsWith("kafka_consumer_fetch_manager_records_lag_max{")
					&& line.contains("client_id=\"payment-worker-")));
	}

	@Test
	void unreadableTaskGoesStraightToTheDeadLetterTopicAndTheQueueMovesOn() {
		String key = "poison-" + UUID.randomUUID();
		platform.kafka().send(platform.paymentTasks(), key, "{not a task", Map.of());

		eventually().until(() -> deadLettersWithKey(key).size() == 1);
		ConsumerRecord<String, String> dead = deadLettersWithKey(key).get(0);
		assertThat(KafkaTopics.header(dead, "kafka_dlt-exception-cause-fqcn")).endsWith("PoisonTaskException");
		assertThat(dead.value()).isEqualTo("{not a task");

		UUID orderId = this.api.place(this.token, OrderApi.order(product("4.50", 2), 1)).id();
		awaitStatus(orderId, "CONFIRMED");
	}

	private List<ConsumerRecord<String, String>> deadLettersWithKey(String key) {
		return platform.kafka()
			.readAll(platform.paymentDeadLetters())
			.stream()
			.filter((record) -> key.equals(record.key()))
			.toList();
	}

	private String prometheus() {
		return this.api.get("/actuator/prometheus", null).raw().body();
	}

}
