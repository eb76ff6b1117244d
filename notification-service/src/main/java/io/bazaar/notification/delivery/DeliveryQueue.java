package io.bazaar.notification.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery task queue, in PostgreSQL: one row per notification and channel. Workers
 * of every instance claim due rows with {@code FOR UPDATE SKIP LOCKED}, so no row is sent
 * by two workers at once, and a claim is a lease: if its worker dies the row becomes due
 * again when the lease runs out. All times are the database's, so instances need not
 * agree on the clock.
 */
@Repository
public class DeliveryQueue {

	private final JdbcClient jdbc;

	private final DeliveryMetrics metrics;

	DeliveryQueue(JdbcClient jdbc, DeliveryMetrics metrics) {
		this.jdbc = jdbc;
		this.metrics = metrics;
	}

	/**
	 * Queues the delivery of a notification, in the transaction that creates it; a second
	 * delivery for the same user, event and channel is ignored.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(UUID notificationId, UUID userId, UUID sourceEventId, Channel channel) {
		this.jdbc.sql("""
				INSERT INTO notification_delivery (id, notification_id, user_id, source_event_id, channel, status)
				VALUES (:id, :notificationId, :userId, :eventId, :channel, 'PENDING')
				ON CONFLICT (user_id, source_event_id, channel) DO NOTHING""")
			.param("id", UUID.randomUUID())
			.param("notificationId", notificationId)
			.param("userId", userId)
			.param("eventId", sourceEventId)
			.param("channel", channel.name())
			.update();
	}

	/**
	 * Makes the user's deliveries that wait for their address due now, in the transaction
	 * that records the address.
	 * @return how many were waiting
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int releaseAwaitingRecipient(UUID userId) {
		return this.jdbc.sql("""
				UPDATE notification_delivery
				SET awaiting_recipient = false, next_attempt_at = now(), updated_at = now()
				WHERE user_id = :userId AND status = 'PENDING' AND awaiting_recipient""")
			.param("userId", userId)
			.update();
	}

	/**
	 * The number of deliveries waiting for a worker: pending, including those waiting to
	 * retry, but not those waiting for their recipient's address (workers cannot shorten
	 * that wait).
	 */
	public long backlog() {
		long backlog = this.jdbc.sql("""
				SELECT count(*) FROM notification_delivery WHERE status = 'PENDING' AND NOT awaiting_recipient""")
			.query(Long.class)
			.single();
		this.metrics.queueDepth(backlog);
		return backlog;
	}

	/** Claims the delivery that has been due longest, reserving it for {@code lease}. */
	Optional<ClaimedDelivery> claim(Duration lease) {
		return this.jdbc.sql("""
				UPDATE notification_delivery
				SET next_attempt_at = now() + :leaseMillis * interval '1 millisecond', updated_at = now()
				WHERE id = (SELECT id FROM notification_delivery
				            WHERE status = 'PENDING' AND next_attempt_at <= now()
				            ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING id, notification_id, user_id, channel, attempts""")
			.param("leaseMillis", lease.toMillis())
			.query((rs, rowNum) -> new ClaimedDelivery(rs.getObject("id", UUID.class),
					rs.getObject("notification_id", UUID.class), rs.getObject("user_id", UUID.class),
					Channel.valueOf(rs.getString("channel")), rs.getInt("attempts")))
			.optional();
	}

	void markSent(UUID id) {
		this.jdbc.sql("""
				UPDATE notification_delivery
				SET status = 'SENT', attempts = attempts + 1, sent_at = now(), updated_at = now(), last_error = NULL
				WHERE id = :id AND status = 'PENDING'""").param("id", id).update();
	}

	void scheduleRetry(UUID id, Duration backoff, String error) {
		this.jdbc.sql("""
				UPDATE notification_delivery
				SET attempts = attempts + 1, next_attempt_at = now() + :backoffMillis * interval '1 millisecond',
				    last_error = :error, updated_at = now()
				WHERE id = :id AND status = 'PENDING'""")
			.param("id", id)
			.param("backoffMillis", backoff.toMillis())
			.param("error", error)
			.update();
	}

	/** Deliveries that were given up on, most recently failed first. */
	public List<FailedDelivery> failed(int limit) {
		return this.jdbc.sql("""
				SELECT id, notification_id, user_id, channel, attempts, last_error, updated_at
				FROM notification_delivery WHERE status = 'FAILED' ORDER BY updated_at DESC LIMIT :limit""")
			.param("limit", limit)
			.query((rs, row) -> new FailedDelivery(rs.getObject("id", UUID.class),
					rs.getObject("notification_id", UUID.class), rs.getObject("user_id", UUID.class),
					Channel.valueOf(rs.getString("channel")), rs.getInt("attempts"), rs.getString("last_error"),
					rs.getTimestamp("updated_at").toInstant()))
			.list();
	}

	/**
	 * Queues a failed delivery again, due now, with all its attempts: for when the cause
	 * (a mail server refusing, an address unknown) has been dealt with.
	 */
	public Retry retry(UUID id) {
		int queued = this.jdbc.sql("""
				UPDATE notification_delivery
				SET status = 'PENDING', attempts = 0, next_attempt_at = now(), awaiting_recipient = false,
				    updated_at = now()
				WHERE id = :id AND status = 'FAILED'""").param("id", id).update();
		if (queued == 1) {
			return Retry.QUEUED;
		}
		boolean exists = this.jdbc.sql("SELECT count(*) FROM notification_delivery WHERE id = :id")
			.param("id", id)
			.query(Integer.class)
			.single() > 0;
		return exists ? Retry.NOT_FAILED : Retry.UNKNOWN;
	}

	/** What came of asking for a delivery to be retried. */
	public enum Retry {

		/** It is due again. */
		QUEUED,
		/** It has not failed (it is pending or sent): nothing to retry. */
		NOT_FAILED,
		/** There is no such delivery. */
		UNKNOWN

	}

	/** Dead-letters the delivery after a failed send. */
	void markFailed(UUID id, String error) {
		this.jdbc.sql("""
				UPDATE notification_delivery
				SET status = 'FAILED', attempts = attempts + 1, last_error = :error, updated_at = now()
				WHERE id = :id AND status = 'PENDING'""").param("id", id).param("error", error).update();
	}

	/**
	 * Puts the delivery back to wait for its recipient's address, or fails it when it has
	 * waited longer than {@code maxWait} since it was queued.
	 * @return whether it was failed
	 */
	boolean awaitRecipient(UUID id, Duration recheck, Duration maxWait) {
		return this.jdbc.sql("""
				UPDATE notification_delivery
				SET status = CASE WHEN created_at < now() - :maxWaitMillis * interval '1 millisecond'
				                  THEN 'FAILED' ELSE 'PENDING' END,
				    awaiting_recipient = true, last_error = 'recipient unknown', updated_at = now(),
				    next_attempt_at = now() + :recheckMillis * interval '1 millisecond'
				WHERE id = :id AND status = 'PENDING'
				RETURNING status""")
			.param("id", id)
			.param("maxWaitMillis", maxWait.toMillis())
			.param("recheckMillis", recheck.toMillis())
			.query(String.class)
			.optional()
			.map("FAILED"::equals)
			.orElse(false);
	}

}
