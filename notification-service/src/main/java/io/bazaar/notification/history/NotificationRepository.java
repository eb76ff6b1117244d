package io.bazaar.notification.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Stores notifications and reads them back for their user. */
@Repository
public class NotificationRepository {

	private static final String COLUMNS = "id, seq, user_id, kind, title, message, details, created_at, read_at";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final RowMapper<Notification> rows;

	NotificationRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
		this.rows = this::map;
	}

	/**
	 * Creates the notification unless one for the same user and event exists. Must run in
	 * the transaction that records the event as processed. Creations for one user are
	 * serialised until that transaction ends, so a user's sequence numbers become visible
	 * in increasing order and a reader that has seen number n never misses a smaller one
	 * later.
	 * @param notification what to create
	 * @return the created notification, or empty when it existed already
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<Notification> create(NewNotification notification) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(CAST(:userId AS text), 0))")
			.param("userId", notification.userId())
			.query()
			.singleRow();
		return this.jdbc.sql("""
				INSERT INTO notification (id, user_id, source_event_id, kind, title, message, details)
				VALUES (:id, :userId, :eventId, :kind, :title, :message, CAST(:details AS jsonb))
				ON CONFLICT (user_id, source_event_id) DO NOTHING
				RETURNING %s""".formatted(COLUMNS))
			.param("id", UUID.randomUUID())
			.param("userId", notification.userId())
			.param("eventId", notification.sourceEventId())
			.param("kind", notification.kind().name())
			.param("title", notification.title())
			.param("message", notification.message())
			.param("details", this.json.writeValueAsString(notification.details()))
			.query(this.rows)
			.optional();
	}

	public Optional<Notification> findById(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE id = :id")
			.param("id", id)
			.query(this.rows)
			.optional();
	}

	Optional<Notification> findForUser(UUID userId, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE id = :id AND user_id = :userId")
			.param("id", id)
			.param("userId", userId)
			.query(this.rows)
			.optional();
	}

	/** The user's notifications after the given sequence number, oldest first. */
	public List<Notification> findAfter(UUID userId, long afterSequence, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM notification WHERE user_id = :userId AND seq > :after ORDER BY seq LIMIT :limit")
			.param("userId", userId)
			.param("after", afterSequence)
			.param("limit", limit)
			.query(this.rows)
			.list();
	}

	/** The sequence number of the user's newest notification, 0 when there is none. */
	public long latestSequence(UUID userId) {
		return this.jdbc.sql("SELECT coalesce(max(seq), 0) FROM notification WHERE user_id = :userId")
			.param("userId", userId)
			.query(Long.class)
			.single();
	}

	/** One page of the user's notifications, newest first. */
	List<Notification> page(UUID userId, int page, int size) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM notification WHERE user_id = :userId ORDER BY seq DESC LIMIT :size OFFSET :offset")
			.param("userId", userId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(this.rows)
			.list();
	}

	Counts counts(UUID userId) {
		return this.jdbc.sql("""
				SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread
				FROM notification WHERE user_id = :userId""")
			.param("userId", userId)
			.query((rs, rowNum) -> new Counts(rs.getLong("total"), rs.getLong("unread")))
			.single();
	}

	/** Marks the user's notification read (keeping the first read time) or unread. */
	Optional<Notification> markRead(UUID userId, UUID id, boolean read) {
		return this.jdbc.sql("""
				UPDATE notification SET read_at = CASE WHEN :read THEN coalesce(read_at, now()) END
				WHERE id = :id AND user_id = :userId
				RETURNING %s""".formatted(COLUMNS))
			.param("read", read)
			.param("id", id)
			.param("userId", userId)
			.query(this.rows)
			.optional();
	}

	private Notification map(ResultSet rs, int rowNum) throws SQLException {
		return new Notification(rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getObject("user_id", UUID.class),
				NotificationKind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("message"),
				this.json.readValue(rs.getString("details"), NotificationDetails.class),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("read_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	record Counts(long total, long unread) {

	}

}
