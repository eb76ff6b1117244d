package io.bazaar.runtime.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one table keeps: rows whose {@code timestampColumn} is older than
 * {@code retention}, and that also match {@code condition} when one is given, are purged.
 * A service declares one bean of this type per table it wants purged.
 *
 * @param table the table, a plain lower-case SQL identifier
 * @param timestampColumn the column that dates a row, a plain lower-case SQL identifier;
 * it should be indexed (a partial index matching {@code condition} where there is one)
 * @param retention how long a row is kept
 * @param condition an extra SQL condition a row must meet to be purged, written by the
 * service itself (never from user input), or {@code null}
 */
public record RetentionPolicy(String table, String timestampColumn, Duration retention, String condition) {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

	public RetentionPolicy {
		requireIdentifier(table, "table");
		requireIdentifier(timestampColumn, "timestampColumn");
		Objects.requireNonNull(retention, "retention");
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("The retention of " + table + " must be positive: " + retention);
		}
	}

	/**
	 * Rows of {@code table} dated by {@code timestampColumn} older than
	 * {@code retention}.
	 */
	public static RetentionPolicy of(String table, String timestampColumn, Duration retention) {
		return new RetentionPolicy(table, timestampColumn, retention, null);
	}

	/**
	 * Events of the transactional outbox ({@code outbox_event}) published longer than
	 * {@code retention} ago. Unpublished events are never purged, however old.
	 */
	public static RetentionPolicy publishedOutboxEvents(Duration retention) {
		return of("outbox_event", "published_at", retention).where("published_at IS NOT NULL");
	}

	/**
	 * Records of applied events ({@code processed_event}) older than {@code retention}. A
	 * redelivery arriving after that is no longer recognised, so the retention must
	 * outlast any redelivery a consumer can still get (Kafka's retention of the topic, a
	 * consumer group reset).
	 */
	public static RetentionPolicy processedEvents(Duration retention) {
		return of("processed_event", "processed_at", retention);
	}

	/** This policy with an extra condition a row must meet to be purged. */
	public RetentionPolicy where(String condition) {
		return new RetentionPolicy(this.table, this.timestampColumn, this.retention, condition);
	}

	private static void requireIdentifier(String name, String what) {
		if (name == null || !IDENTIFIER.matcher(name).matches()) {
			throw new IllegalArgumentException(what + " must be a plain lower-case SQL identifier: " + name);
		}
	}

}
