package io.bazaar.order.outbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.bazaar.order.config.OrdersProperties;
import io.bazaar.order.support.KafkaTopics;
import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several relays on one outbox (instances of the service): every event is published once,
 * and each order's events in the order they were written.
 */
class OutboxRelayIntegrationTest extends OrderServiceIntegrationTestBase {

	private static final int ORDERS = 12;

	private static final int EVENTS_PER_ORDER = 15;

	@Autowired
	private JdbcClient jdbcClient;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private OrdersProperties properties;

	@Test
	void concurrentRelaysPublishEachEventOnceAndEachOrdersEventsInOrder() throws Exception {
		String topic = "relay-test-" + UUID.randomUUID();
		platform.kafka().create(3, topic);
		List<UUID> orders = new ArrayList<>();
		for (int i = 0; i < ORDERS; i++) {
			orders.add(UUID.randomUUID());
		}
		// Interleaved as concurrent orders would write them, one transaction per event.
		for (int sequence = 0; sequence < EVENTS_PER_ORDER; sequence++) {
			for (UUID order : orders) {
				insert(topic, order, sequence);
			}
		}
		List<OutboxRelay> relays = List.of(relay(), relay(), relay());
		ExecutorService instances = Executors.newFixedThreadPool(relays.size());
		try {
			List<Future<?>> running = new ArrayList<>();
			for (OutboxRelay relay : relays) {
				running.add(instances.submit(() -> {
					while (unpublished(topic) > 0) {
						relay.publishBatch();
					}
				}));
			}
			for (Future<?> instance : running) {
				instance.get();
			}
		}
		finally {
			instances.shutdown();
		}

		List<ConsumerRecord<String, String>> published = platform.kafka().readAll(topic);
		assertThat(published).hasSize(ORDERS * EVENTS_PER_ORDER);
		Map<String, List<Integer>> sequencesByOrder = published.stream()
			.collect(Collectors.groupingBy(ConsumerRecord::key,
					Collectors.mapping((record) -> sequenceOf(record.value()), Collectors.toList())));
		assertThat(sequencesByOrder).hasSize(ORDERS);
		List<Integer> expected = IntStream.range(0, EVENTS_PER_ORDER).boxed().toList();
		sequencesByOrder.forEach((order, sequences) -> assertThat(sequences).as(order).isEqualTo(expected));
		assertThat(published)
			.allSatisfy((record) -> assertThat(KafkaTopics.header(record, "eventType")).isEqualTo("Probe"));
	}

	private OutboxRelay relay() {
		return new OutboxRelay(this.jdbcClient, this.transactions, this.kafka,
				new OrdersProperties(this.properties.messaging(), this.properties.catalog(),
						new OrdersProperties.Outbox(true, this.properties.outbox().relayInterval(), 5,
								this.properties.outbox().sendTimeout()),
						this.properties.payment(), this.properties.deadlines()));
	}

	private void insert(String topic, UUID order, int sequence) {
		this.jdbcClient.sql("""
				INSERT INTO outbox_event (id, topic, aggregate_id, event_type, payload, traceparent, occurred_at)
				VALUES (:id, :topic, :aggregate, 'Probe', CAST(:payload AS jsonb), NULL, :at)
				""")
			.param("id", UUID.randomUUID())
			.param("topic", topic)
			.param("aggregate", order.toString())
			.param("payload", "{\"sequence\":" + sequence + "}")
			.param("at", Instant.now().atOffset(ZoneOffset.UTC))
			.update();
	}

	private int unpublished(String topic) {
		return this.jdbcClient.sql("SELECT count(*) FROM outbox_event WHERE topic = :topic AND published_at IS NULL")
			.param("topic", topic)
			.query(Integer.class)
			.single();
	}

	private static int sequenceOf(String payload) {
		return Integer.parseInt(payload.replaceAll("\\D", ""));
	}

}
