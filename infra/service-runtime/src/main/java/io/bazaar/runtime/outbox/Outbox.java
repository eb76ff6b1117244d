package io.bazaar.runtime.outbox;

import java.sql.Timestamp;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records events in {@code outbox_event} inside the caller's transaction, so an event
 * exists exactly when the change it describes committed. {@link OutboxRelay} publishes
 * them.
 */
public class Outbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Outbox(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
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
	}

}
