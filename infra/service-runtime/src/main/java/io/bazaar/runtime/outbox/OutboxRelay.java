package io.bazaar.runtime.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox events to Kafka, keyed by aggregate id, and stamps
 * {@code published_at} only for events the broker acknowledged (the producer runs with
 * {@code acks=all} and idempotence). Delivery is at least once: consumers skip event ids
 * they have seen.
 * <p>
 * Several instances may relay at once. Each claims rows with
 * {@code FOR UPDATE SKIP LOCKED}, and only the earliest unpublished event of each
 * aggregate (by {@code position}, the order rows were written in) is eligible, so the
 * events of one aggregate are published one batch after another, in the order they were
 * written, whichever instance claims them.
 */
public class OutboxRelay {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final JdbcClient jdbc;

	private final KafkaTemplate<String, String> kafka;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int batchSize;

	private final Duration sendTimeout;

	private final Counter published;

	private final Counter failures;

	OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, TransactionTemplate transactions, Clock clock,
			OutboxProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.kafka = kafka;
		this.transactions = transactions;
		this.clock = clock;
		this.batchSize = properties.batchSize();
		this.sendTimeout = properties.sendTimeout();
		this.published = meters.counter("outbox.published");
		this.failures = meters.counter("outbox.failures");
		TimeGauge
			.builder("outbox.oldest.unpublished.age", this, TimeUnit.MILLISECONDS, OutboxRelay::oldestUnpublishedAge)
			.description("How long the oldest event still waiting to be published has waited (0 when none waits)")
			.register(meters);
	}

	/**
	 * How long the oldest unpublished event has waited, in milliseconds: read on each
	 * scrape (one row from the partial index on unpublished events), so a relay that
	 * stopped publishing shows as a growing age. {@code NaN} when the database cannot be
	 * read.
	 */
	double oldestUnpublishedAge() {
		try {
			return this.jdbc.sql("""
					SELECT occurred_at FROM outbox_event
					WHERE published_at IS NULL
					ORDER BY position
					LIMIT 1
					""")
				.query(Timestamp.class)
				.optional()
				.map((occurredAt) -> (double) Math.max(0,
						Duration.between(occurredAt.toInstant(), this.clock.instant()).toMillis()))
				.orElse(0.0);
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	/**
	 * Publishes waiting events, batch after batch, until none is left or the broker
	 * refuses one.
	 * @return how many events were published, and whether the run ended because none was
	 * left (rather than on a refusal)
	 */
	public Run publishPending() {
		int total = 0;
		while (true) {
			Batch batch = this.transactions.execute((status) -> publishBatch());
			total += batch.published();
			if (batch.failed() || batch.published() < this.batchSize) {
				return new Run(total, !batch.failed());
			}
		}
	}

	private Batch publishBatch() {
		List<PendingEvent> pending = this.jdbc.sql("""
				SELECT id, topic, aggregate_id, event_type, payload::text AS payload, traceparent
				FROM outbox_event o
				WHERE published_at IS NULL
				  AND NOT EXISTS (SELECT 1 FROM outbox_event earlier
				                  WHERE earlier.aggregate_id = o.aggregate_id
				                    AND earlier.published_at IS NULL
				                    AND earlier.position < o.position)
				ORDER BY position
				LIMIT :limit
				FOR UPDATE SKIP LOCKED
				""").param("limit", this.batchSize).query(OutboxRelay::pendingEvent).list();
		if (pending.isEmpty()) {
			return new Batch(0, false);
		}
		List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(pending.size());
		for (PendingEvent event : pending) {
			sends.add(send(event));
		}
		List<UUID> acknowledged = new ArrayList<>(pending.size());
		long deadline = System.nanoTime() + this.sendTimeout.toNanos();
		for (int i = 0; i < pending.size(); i++) {
			if (!awaitAcknowledgement(pending.get(i), sends.get(i), deadline)) {
				break;
			}
			acknowledged.add(pending.get(i).id());
		}
		if (!acknowledged.isEmpty()) {
			this.jdbc.sql("UPDATE outbox_event SET published_at = :now WHERE id = ANY(:ids)")
				.param("now", Timestamp.from(this.clock.instant()))
				.param("ids", acknowledged.toArray(UUID[]::new))
				.update();
			this.published.increment(acknowledged.size());
		}
		return new Batch(acknowledged.size(), acknowledged.size() < pending.size());
	}

	// Mapped by hand: mapping a record by its component names looks up every spelling of
	// each column and creates an exception for every miss, on every row.
	private static PendingEvent pendingEvent(ResultSet row, int rowNumber) throws SQLException {
		return new PendingEvent(row.getObject("id", UUID.class), row.getString("topic"), row.getString("aggregate_id"),
				row.getString("event_type"), row.getString("payload"), row.getString("traceparent"));
	}

	private CompletableFuture<SendResult<String, String>> send(PendingEvent event) {
		ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.aggregateId(),
				event.payload());
		record.headers().add(new RecordHeader("eventId", bytes(event.id().toString())));
		record.headers().add(new RecordHeader("eventType", bytes(event.eventType())));
		if (event.traceparent() != null) {
			record.headers().add(new RecordHeader("traceparent", bytes(event.traceparent())));
		}
		try {
			return this.kafka.send(record);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private boolean awaitAcknowledgement(PendingEvent event, CompletableFuture<SendResult<String, String>> send,
			long deadline) {
		try {
			send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			this.failures.increment();
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			logger.warn("Publishing outbox event {} ({}) failed; it stays queued for the next run: {}", event.id(),
					event.eventType(), String.valueOf(cause));
			return false;
		}
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	record PendingEvent(UUID id, String topic, String aggregateId, String eventType, String payload,
			String traceparent) {

	}

	private record Batch(int published, boolean failed) {

	}

	/**
	 * One run of the relay.
	 *
	 * @param published how many events it published
	 * @param complete whether it published everything it could claim
	 */
	public record Run(int published, boolean complete) {

	}

}
