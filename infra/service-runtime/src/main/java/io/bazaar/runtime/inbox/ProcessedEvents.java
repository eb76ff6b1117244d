package io.bazaar.runtime.inbox;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The events each consumer has applied ({@code processed_event}, which each service with
 * consumers creates in its own migrations). A consumer records an event in the same
 * transaction as its effect, so a redelivered event is recognised and skipped; two
 * concurrent deliveries of one event serialise on the primary key and the second finds
 * the first's row.
 */
public class ProcessedEvents {

	private final JdbcClient jdbc;

	ProcessedEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records that {@code consumer} applies {@code eventId} in the current transaction.
	 * @return {@code false} when it had already been applied (the caller must then do
	 * nothing)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean markProcessed(String consumer, UUID eventId) {
		return this.jdbc
			.sql("INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :eventId) ON CONFLICT DO NOTHING")
			.param("consumer", consumer)
			.param("eventId", eventId)
			.update() == 1;
	}

	/** Which of {@code eventIds} {@code consumer} has already applied, in one query. */
	public Set<UUID> processedAmong(String consumer, Collection<UUID> eventIds) {
		if (eventIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc
			.sql("SELECT event_id FROM processed_event WHERE consumer = :consumer AND event_id = ANY(:eventIds)")
			.param("consumer", consumer)
			.param("eventIds", eventIds.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	/** Whether {@code consumer} has already applied {@code eventId}. */
	public boolean isProcessed(String consumer, UUID eventId) {
		return this.jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = :consumer AND event_id = :eventId")
			.param("consumer", consumer)
			.param("eventId", eventId)
			.query(Integer.class)
			.single() > 0;
	}

}
