package io.bazaar.notification.inbox;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The events each consumer has applied (idempotent consumer). */
@Repository
class ProcessedEvents {

	private final JdbcClient jdbc;

	ProcessedEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the event as applied by the consumer, in the transaction that applies it. A
	 * concurrent copy of the same event waits for this transaction and then sees the
	 * record.
	 * @return {@code false} when the consumer has applied it before
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean markProcessed(String consumer, UUID eventId) {
		return this.jdbc.sql("""
				INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :eventId)
				ON CONFLICT (consumer, event_id) DO NOTHING""")
			.param("consumer", consumer)
			.param("eventId", eventId)
			.update() == 1;
	}

}
