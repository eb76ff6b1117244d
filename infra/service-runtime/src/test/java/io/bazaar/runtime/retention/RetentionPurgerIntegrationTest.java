package io.bazaar.runtime.retention;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.bazaar.runtime.PlatformTables;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purge against a real PostgreSQL: what it deletes, what it keeps, how it batches,
 * and that it neither disturbs writers nor another purger.
 */
class RetentionPurgerIntegrationTest {

	private static DataSource dataSource;

	private static JdbcClient jdbc;

	private final AtomicInteger transactionsBegun = new AtomicInteger();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ExecutorService threads = Executors.newFixedThreadPool(3);

	@BeforeAll
	static void database() {
		dataSource = PlatformTables.createDatabase("retention");
		jdbc = JdbcClient.create(dataSource);
	}

	@BeforeEach
	void emptyTables() {
		jdbc.sql("TRUNCATE outbox_event, processed_event").update();
	}

	@AfterEach
	void stopThreads() throws InterruptedException {
		this.threads.shutdownNow();
		this.threads.awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void deletesRowsOlderThanTheirRetentionAndKeepsNewerOnes() {
		processedEvents(5, "8 days");
		processedEvents(3, "6 days");

		Map<String, Integer> purged = purger(100).purge();

		assertThat(purged).containsExactly(Map.entry("processed_event", 5), Map.entry("outbox_event", 0));
		assertThat(count("processed_event", "processed_at > now() - interval '7 days'")).isEqualTo(3);
		assertThat(count("processed_event", "true")).isEqualTo(3);
		assertThat(this.meters.get("retention.purged").tag("table", "processed_event").counter().count()).isEqualTo(5);
	}

	@Test
	void neverDeletesUnpublishedOutboxEventsWhateverTheirAge() {
		outboxEvents(4, "30 days", "8 days");
		outboxEvents(2, "8 days", "6 days");
		outboxEvents(3, "90 days", null);

		purger(100).purge();

		assertThat(count("outbox_event", "published_at IS NULL")).isEqualTo(3);
		assertThat(count("outbox_event", "published_at IS NOT NULL")).isEqualTo(2);
		assertThat(count("outbox_event", "published_at < now() - interval '7 days'")).isZero();
	}

	@Test
	void purgesInSeveralShortTransactions() {
		processedEvents(35, "8 days");

		int purged = purger(10).purge(RetentionPolicy.processedEvents(Duration.ofDays(7)));

		assertThat(purged).isEqualTo(35);
		assertThat(count("processed_event", "true")).isZero();
		assertThat(this.transactionsBegun).hasValue(4);
	}

	@Test
	void rowsWrittenWhilePurgingAreKept() throws Exception {
		processedEvents(3000, "8 days");
		AtomicBoolean purging = new AtomicBoolean(true);
		Future<Integer> writer = this.threads.submit(() -> {
			int written = 0;
			while (purging.get() || written < 200) {
				processedEvents(5, "0 days");
				written += 5;
			}
			return written;
		});
		Future<Integer> purge = this.threads
			.submit(() -> purger(50).purge(RetentionPolicy.processedEvents(Duration.ofDays(7))));

		int purged = purge.get(2, TimeUnit.MINUTES);
		purging.set(false);
		int written = writer.get(1, TimeUnit.MINUTES);

		assertThat(purged).isEqualTo(3000);
		assertThat(count("processed_event", "true")).isEqualTo(written);
	}

	@Test
	void purgersOfSeveralInstancesShareTheWork() throws Exception {
		outboxEvents(1500, "9 days", "8 days");
		outboxEvents(20, "9 days", null);
		RetentionPolicy outbox = RetentionPolicy.publishedOutboxEvents(Duration.ofDays(7));
		List<Callable<Integer>> purgers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			RetentionPurger purger = purger(20);
			purgers.add(() -> purger.purge(outbox));
		}

		int purged = 0;
		for (Future<Integer> run : this.threads.invokeAll(purgers, 2, TimeUnit.MINUTES)) {
			purged += run.get();
		}

		assertThat(purged).isEqualTo(1500);
		assertThat(count("outbox_event", "true")).isEqualTo(20);
	}

	private RetentionPurger purger(int batchSize) {
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource) {
			@Override
			protected void doBegin(Object transaction, TransactionDefinition definition) {
				RetentionPurgerIntegrationTest.this.transactionsBegun.incrementAndGet();
				super.doBegin(transaction, definition);
			}
		};
		RetentionProperties properties = new RetentionProperties(true, Duration.ZERO, Duration.ofMinutes(1), batchSize,
				Duration.ofMillis(1), Duration.ofDays(7), Duration.ofDays(7), Duration.ofHours(24));
		List<RetentionPolicy> policies = List.of(RetentionPolicy.processedEvents(properties.processedEvents()),
				RetentionPolicy.publishedOutboxEvents(properties.publishedOutboxEvents()));
		return new RetentionPurger(jdbc, new TransactionTemplate(transactionManager), Clock.systemUTC(), policies,
				properties, this.meters);
	}

	private static void processedEvents(int count, String age) {
		jdbc.sql("""
				INSERT INTO processed_event (consumer, event_id, processed_at)
				SELECT 'test', gen_random_uuid(), now() - CAST(:age AS interval) FROM generate_series(1, :count)
				""").param("age", age).param("count", count).update();
	}

	private static void outboxEvents(int count, String occurredAgo, String publishedAgo) {
		jdbc.sql("""
				INSERT INTO outbox_event (id, topic, aggregate_id, event_type, payload, occurred_at, published_at)
				SELECT gen_random_uuid(), 'orders.events.v1', gen_random_uuid()::text, 'OrderPlaced', '{}'::jsonb,
				       now() - CAST(:occurred AS interval), now() - CAST(:published AS interval)
				FROM generate_series(1, :count)
				""").param("occurred", occurredAgo).param("published", publishedAgo).param("count", count).update();
	}

	private static long count(String table, String condition) {
		return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + condition).query(Long.class).single();
	}

}
