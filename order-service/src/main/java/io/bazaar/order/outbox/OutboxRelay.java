package io.bazaar.order.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.bazaar.order.config.OrdersProperties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox events to Kafka, keyed by order id, and stamps them published only
 * once the broker acknowledged them ({@code acks=all}, idempotent producer). Delivery is
 * at least once: a crash between the acknowledgement and the commit publishes the event
 * again, which consumers recognise by its id.
 * <p>
 * Several instances may relay at once: each claims rows with {@code FOR UPDATE SKIP
 * LOCKED}, and only the earliest unpublished event of each order is eligible, so the
 * events of one order are published one at a time, in the order they were written, by
 * whichever instance claims them.
 */
@Component
@ConditionalOnProperty(prefix = "orders.outbox", name = "relay-enabled", havingValue = "true", matchIfMissing = true)
class OutboxRelay {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, String> kafka;

	private final OrdersProperties.Outbox settings;

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
			OrdersProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.settings = properties.outbox();
	}

	@Scheduled(fixedDelayString = "${orders.outbox.relay-interval:PT0.1S}")
	void relay() {
		try {
			int published;
			do {
				published = publishBatch();
			}
			while (published == this.settings.batchSize());
		}
		catch (RuntimeException ex) {
			logger.warn("Outbox relay could not publish; it retries on its next poll", ex);
		}
	}

	/** Publishes one batch; returns how many events it published. */
	int publishBatch() {
		Integer published = this.transactions.execute((status) -> {
			List<PendingEvent> batch = claimBatch();
			if (batch.isEmpty()) {
				return 0;
			}
			List<UUID> acknowledged = publish(batch);
			if (!acknowledged.isEmpty()) {
				this.jdbc.sql("UPDATE outbox_event SET published_at = now() WHERE id = ANY(:ids)")
					.param("ids", acknowledged.toArray(UUID[]::new))
					.update();
			}
			return acknowledged.size();
		});
		return (published != null) ? published : 0;
	}

	private List<PendingEvent> claimBatch() {
		return this.jdbc.sql("""
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
				""")
			.param("limit", this.settings.batchSize())
			.query((rs, row) -> new PendingEvent(rs.getObject("id", UUID.class), rs.getString("topic"),
					rs.getString("aggregate_id"), rs.getString("event_type"), rs.getString("payload"),
					rs.getString("traceparent")))
			.list();
	}

	private List<UUID> publish(List<PendingEvent> batch) {
		List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(batch.size());
		for (PendingEvent event : batch) {
			sends.add(this.kafka.send(event.toRecord()));
		}
		long deadline = System.nanoTime() + this.settings.sendTimeout().toNanos();
		List<UUID> acknowledged = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			PendingEvent event = batch.get(i);
			try {
				sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				acknowledged.add(event.id());
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.warn("Event {} ({}) of order {} was not acknowledged; it is published on a later poll",
						event.id(), event.type(), event.aggregateId(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return acknowledged;
	}

	private record PendingEvent(UUID id, String topic, String aggregateId, String type, String payload,
			String traceparent) {

		ProducerRecord<String, String> toRecord() {
			ProducerRecord<String, String> record = new ProducerRecord<>(this.topic, this.aggregateId, this.payload);
			record.headers().add(new RecordHeader("eventId", bytes(this.id.toString())));
			record.headers().add(new RecordHeader("eventType", bytes(this.type)));
			if (this.traceparent != null) {
				record.headers().add(new RecordHeader("traceparent", bytes(this.traceparent)));
			}
			return record;
		}

		private static byte[] bytes(String value) {
			return value.getBytes(StandardCharsets.UTF_8);
		}

	}

}
