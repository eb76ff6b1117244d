package io.bazaar.runtime.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.bazaar.runtime.PlatformTables;
import io.bazaar.testsupport.kafka.KafkaBroker;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared outbox against a real PostgreSQL and Kafka: several relays (instances of a
 * service) publish every event once and each aggregate's events in the order they were
 * written; a commit wakes the relay at once; events written by an instance that does not
 * relay are published at the next poll.
 */
class OutboxRelayIntegrationTest {

	private static final int AGGREGATES = 12;

	private static final int EVENTS_PER_AGGREGATE = 15;

	private static final Duration NEVER = Duration.ofHours(1);

	private static DataSource dataSource;

	private static KafkaTemplate<String, String> kafka;

	private final JdbcClient jdbc = JdbcClient.create(dataSource);

	private final TransactionTemplate transactions = new TransactionTemplate(
			new DataSourceTransactionManager(dataSource));

	@BeforeAll
	static void createOutbox() {
		dataSource = PlatformTables.createDatabase("outbox");
		Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				KafkaBroker.shared().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer));
	}

	@AfterAll
	static void closeProducer() {
		kafka.destroy();
	}

	@Test
	void concurrentRelaysPublishEachEventOnceAndEachAggregatesEventsInOrder() throws Exception {
		String topic = newTopic();
		List<String> aggregates = IntStream.range(0, AGGREGATES).mapToObj((i) -> UUID.randomUUID().toString()).toList();
		// Interleaved as concurrent writers would write them, one transaction per event.
		for (int sequence = 0; sequence < EVENTS_PER_AGGREGATE; sequence++) {
			for (String aggregate : aggregates) {
				int written = sequence;
				this.transactions.executeWithoutResult((status) -> outbox().append(topic, probe(aggregate, written)));
			}
		}
		List<OutboxRelay> relays = List.of(relay(5), relay(5), relay(5));
		ExecutorService instances = Executors.newFixedThreadPool(relays.size());
		try {
			List<Future<?>> running = new ArrayList<>();
			for (OutboxRelay relay : relays) {
				running.add(instances.submit(() -> {
					while (unpublished(topic) > 0) {
						relay.publishPending();
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

		List<ConsumerRecord<String, String>> published = readAll(topic, AGGREGATES * EVENTS_PER_AGGREGATE);
		assertThat(published).hasSize(AGGREGATES * EVENTS_PER_AGGREGATE);
		Map<String, List<Integer>> sequencesByAggregate = published.stream()
			.collect(Collectors.groupingBy(ConsumerRecord::key,
					Collectors.mapping((record) -> sequenceOf(record.value()), Collectors.toList())));
		assertThat(sequencesByAggregate).hasSize(AGGREGATES);
		List<Integer> expected = IntStream.range(0, EVENTS_PER_AGGREGATE).boxed().toList();
		sequencesByAggregate.forEach((aggregate, sequences) -> assertThat(sequences).as(aggregate).isEqualTo(expected));
		assertThat(published)
			.allSatisfy((record) -> assertThat(new String(record.headers().lastHeader("eventType").value()))
				.isEqualTo("Probe"));
	}

	@Test
	void aCommitWakesTheRelayWithoutWaitingForItsPoll() {
		String topic = newTopic();
		CommitSignal commits = new CommitSignal();
		OutboxRelaySchedule schedule = new OutboxRelaySchedule(relay(100), commits, settings(100, NEVER));
		schedule.start();
		try {
			// The relay's first wait runs its poll interval (an hour) unless a commit
			// ends it.
			String aggregate = UUID.randomUUID().toString();
			this.transactions
				.executeWithoutResult((status) -> new Outbox(this.jdbc, JsonMapper.builder().build(), commits)
					.append(topic, probe(aggregate, 1)));

			await().atMost(Duration.ofSeconds(10)).until(() -> unpublished(topic) == 0);
			assertThat(readAll(topic, 1)).singleElement()
				.satisfies((record) -> assertThat(record.key()).isEqualTo(aggregate));
		}
		finally {
			schedule.stop();
		}
	}

	@Test
	void aRolledBackTransactionLeavesNothingToPublish() {
		String topic = newTopic();
		CommitSignal commits = new CommitSignal();
		try {
			this.transactions.executeWithoutResult((status) -> {
				new Outbox(this.jdbc, JsonMapper.builder().build(), commits).append(topic,
						probe(UUID.randomUUID().toString(), 1));
				status.setRollbackOnly();
			});
			assertThat(commits.awaitCommit(Duration.ofMillis(200))).isFalse();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM outbox_event WHERE topic = :topic")
			.param("topic", topic)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void eventsOfAnInstanceThatDoesNotRelayArePublishedAtTheNextPoll() {
		String topic = newTopic();
		OutboxRelaySchedule schedule = new OutboxRelaySchedule(relay(100), new CommitSignal(),
				settings(100, Duration.ofMillis(300)));
		schedule.start();
		try {
			// Written by another instance: this instance's relay is not told of the
			// commit.
			this.transactions.executeWithoutResult((status) -> outbox().append(topic, probe("elsewhere", 1)));

			await().atMost(Duration.ofSeconds(10)).until(() -> unpublished(topic) == 0);
			assertThat(readAll(topic, 1)).hasSize(1);
		}
		finally {
			schedule.stop();
		}
		assertThat(schedule.isRunning()).isFalse();
	}

	@Test
	void eventsLeftByAStoppedInstanceArePublishedAtStart() {
		String topic = newTopic();
		this.transactions.executeWithoutResult((status) -> outbox().append(topic, probe("left-behind", 1)));
		OutboxRelaySchedule schedule = new OutboxRelaySchedule(relay(100), new CommitSignal(), settings(100, NEVER));

		schedule.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> unpublished(topic) == 0);
		}
		finally {
			schedule.stop();
		}
		assertThat(readAll(topic, 1)).singleElement()
			.satisfies((record) -> assertThat(record.key()).isEqualTo("left-behind"));
	}

	@Test
	void theAgeOfTheOldestUnpublishedEventIsMeasuredUntilItIsPublished() {
		String topic = newTopic();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		OutboxRelay relay = new OutboxRelay(this.jdbc, kafka, this.transactions, Clock.fixed(now, ZoneOffset.UTC),
				settings(100, NEVER), meters);
		TimeGauge age = meters.get("outbox.oldest.unpublished.age").timeGauge();
		assertThat(age.value(TimeUnit.SECONDS)).as("nothing waits").isZero();

		this.transactions.executeWithoutResult((status) -> {
			outbox().append(topic, probe("waiting-longest", 1, now.minusSeconds(90)));
			outbox().append(topic, probe("waiting-briefly", 1, now.minusSeconds(5)));
		});
		assertThat(age.value(TimeUnit.SECONDS)).as("the oldest of two waiting").isEqualTo(90.0);

		relay.publishPending();
		assertThat(unpublished(topic)).isZero();
		assertThat(age.value(TimeUnit.SECONDS)).as("everything published").isZero();
	}

	private Outbox outbox() {
		return new Outbox(this.jdbc, JsonMapper.builder().build(), new CommitSignal());
	}

	private OutboxRelay relay(int batchSize) {
		return new OutboxRelay(this.jdbc, kafka, this.transactions, Clock.systemUTC(), settings(batchSize, NEVER),
				new SimpleMeterRegistry());
	}

	private static OutboxProperties settings(int batchSize, Duration pollInterval) {
		return new OutboxProperties(true, pollInterval, batchSize, Duration.ofSeconds(15));
	}

	private static OutboxEvent probe(String aggregate, int sequence) {
		return probe(aggregate, sequence, Instant.now());
	}

	private static OutboxEvent probe(String aggregate, int sequence, Instant occurredAt) {
		return new Probe(UUID.randomUUID(), "Probe", occurredAt, aggregate, null, sequence);
	}

	private int unpublished(String topic) {
		return this.jdbc.sql("SELECT count(*) FROM outbox_event WHERE topic = :topic AND published_at IS NULL")
			.param("topic", topic)
			.query(Integer.class)
			.single();
	}

	private static String newTopic() {
		String topic = "outbox-test-" + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create topic " + topic, ex);
		}
		return topic;
	}

	private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
		Properties settings = new Properties();
		settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
		settings.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
		settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (records.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			// Anything published beyond what was expected (a duplicate) shows up here.
			consumer.poll(Duration.ofMillis(500)).forEach(records::add);
		}
		return records;
	}

	private static int sequenceOf(String payload) {
		return Integer.parseInt(payload.replaceAll(".*\"sequence\":\\s*(\\d+).*", "$1"));
	}

	private record Probe(UUID eventId, String type, Instant occurredAt, String aggregateId, String traceparent,
			int sequence) implements OutboxEvent {

	}

}
