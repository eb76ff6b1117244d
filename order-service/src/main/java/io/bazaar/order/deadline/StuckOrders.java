package io.bazaar.order.deadline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.bazaar.order.ordering.OrderStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orders still under way, the commands their steps wait on (in the outbox) and the
 * steps already driven again ({@code saga_redrive}).
 */
@Repository
class StuckOrders {

	private static final OffsetDateTime BEGINNING = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

	private static final UUID FIRST_ID = new UUID(0, 0);

	private final JdbcClient jdbc;

	StuckOrders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims up to {@code limit} orders still under way whose last change is older than
	 * {@code changedBefore}, after {@code after} in (updated_at, id) order. They stay
	 * locked until the transaction ends; orders another transaction holds (a
	 * participant's answer, another instance's sweep) are skipped.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<Candidate> claim(Instant changedBefore, Candidate after, int limit) {
		return this.jdbc.sql("""
				SELECT id, status, updated_at FROM customer_order
				WHERE status IN ('PENDING', 'STOCK_RESERVED')
				  AND updated_at < :changedBefore
				  AND (updated_at, id) > (:afterUpdatedAt, :afterId)
				ORDER BY updated_at, id
				LIMIT :limit
				FOR UPDATE SKIP LOCKED
				""")
			.param("changedBefore", utc(changedBefore))
			.param("afterUpdatedAt", (after != null) ? utc(after.updatedAt()) : BEGINNING)
			.param("afterId", (after != null) ? after.id() : FIRST_ID)
			.param("limit", limit)
			.query((rs, row) -> new Candidate(rs.getObject("id", UUID.class),
					OrderStatus.valueOf(rs.getString("status")),
					rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * The latest event of {@code type} the order raised, if the outbox still holds it.
	 */
	Optional<Command> command(UUID orderId, String type) {
		return this.jdbc.sql("""
				SELECT id, published_at FROM outbox_event
				WHERE aggregate_id = :orderId AND event_type = :type
				ORDER BY position DESC
				LIMIT 1
				""").param("orderId", orderId.toString()).param("type", type).query((rs, row) -> {
			OffsetDateTime published = rs.getObject("published_at", OffsetDateTime.class);
			return new Command(rs.getObject("id", UUID.class), (published != null) ? published.toInstant() : null);
		}).optional();
	}

	/** Whether the order's step in {@code status} was already driven again. */
	boolean redriven(UUID orderId, OrderStatus status) {
		return this.jdbc.sql("SELECT count(*) FROM saga_redrive WHERE order_id = :orderId AND status = :status")
			.param("orderId", orderId)
			.param("status", status.name())
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Publishes the command again, unchanged and with its event id, by handing it back to
	 * the outbox relay, and records that the step was driven again.
	 * @return {@code false} when the step had already been driven again
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean redrive(UUID orderId, OrderStatus status, Command command, Instant at) {
		boolean recorded = this.jdbc.sql("""
				INSERT INTO saga_redrive (order_id, status, event_id, redriven_at)
				VALUES (:orderId, :status, :eventId, :at)
				ON CONFLICT DO NOTHING
				""")
			.param("orderId", orderId)
			.param("status", status.name())
			.param("eventId", command.eventId())
			.param("at", utc(at))
			.update() == 1;
		if (recorded) {
			this.jdbc.sql("UPDATE outbox_event SET published_at = NULL WHERE id = :id")
				.param("id", command.eventId())
				.update();
		}
		return recorded;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** An order under way, as claimed. */
	record Candidate(UUID id, OrderStatus status, Instant updatedAt) {

	}

	/**
	 * The command a step waits on.
	 *
	 * @param eventId its event id (the outbox row's id)
	 * @param publishedAt when the relay last published it; {@code null} while it waits in
	 * the outbox
	 */
	record Command(UUID eventId, Instant publishedAt) {

	}

}
