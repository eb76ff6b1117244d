package io.bazaar.runtime.outbox;

import java.sql.Timestamp;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records events in {@code outbox_event} inside the caller's transaction, so an event
 * exists exactly when the change it describes committed. {@link OutboxRelay} publishes
 * them; the commit wakes this instance's relay, so an event leaves as soon as it exists.
 * <p>
 * Events of one aggregate are published in the order they were appended, provided the
 * transactions appending them do not overlap (they lock the aggregate's row, say): the
 * table's {@code position} identity then grows with each of them.
 */
public class Outbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final CommitSignal commits;

	Outbox(JdbcClient jdbc, JsonMapper json, CommitSignal commits) {
		this.jdbc = jdbc;
		this.json = json;
		this.commits = commits;
	}

	/**
	 * Queues {@code event} for {@code topic}; must run inside the transaction of the
	 * change.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(String topic, OutboxEvent event) {
		this.jdbc.sql("""
				INSERT INTO outbox_event (id, topic, aggregate_id, event_type, payload, traceparent, occurred_at)
				VALUES (:id, :topic, :aggregateId, :type, CAST(:payload AS jsonb), :traceparent, :occurredAt)
				""")
			.param("id", event.eventId())
			.param("topic", topic)
			.param("aggregateId", event.aggregateId())
			.param("type", event.type())
			.param("payload", this.json.writeValueAsString(event))
			.param("traceparent", event.traceparent())
			.param("occurredAt", Timestamp.from(event.occurredAt()))
			.update();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					Outbox.this.commits.committed();
				}
			});
		}
	}

}
