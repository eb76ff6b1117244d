package io.bazaar.runtime.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The service's dead letters in its own database (table {@code dead_letter}), one row per
 * record on a dead letter topic: its position there is unique, so a dead letter read
 * twice is stored once. Key, value and the record's own headers are kept as bytes, so a
 * replay publishes exactly what the producer sent; the {@code kafka_dlt-*} headers become
 * the letter's origin and cause.
 */
public class DeadLetterStore {

	private static final String DLT_HEADER_PREFIX = "kafka_dlt-";

	private static final TypeReference<List<StoredHeader>> HEADER_LIST = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final Map<String, String> originByDeadLetterTopic;

	DeadLetterStore(JdbcClient jdbc, JsonMapper json, Clock clock, List<ConsumerDeadLetters> consumers,
			MeterRegistry meters) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.originByDeadLetterTopic = new LinkedHashMap<>();
		consumers.forEach((consumer) -> consumer.topics()
			.forEach((topic) -> this.originByDeadLetterTopic.put(consumer.deadLetterTopic(topic), topic)));
		Gauge.builder("dead.letters.waiting", this, DeadLetterStore::waiting)
			.description("Dead letters stored and not replayed: records a consumer gave up on")
			.register(meters);
	}

	/**
	 * How many stored dead letters wait for a replay, read on each scrape; {@code NaN}
	 * when the database cannot be read.
	 */
	double waiting() {
		try {
			return this.jdbc.sql("SELECT count(*) FROM dead_letter WHERE replayed_at IS NULL")
				.query(Long.class)
				.single();
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	/** The dead letter topics whose records are stored. */
	List<String> deadLetterTopics() {
		return List.copyOf(this.originByDeadLetterTopic.keySet());
	}

	/**
	 * Stores a record read from a dead letter topic, unless it was stored before.
	 * @return whether it was new
	 */
	boolean record(ConsumerRecord<byte[], byte[]> record) {
		Headers headers = record.headers();
		String originTopic = text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC);
		if (originTopic == null) {
			originTopic = this.originByDeadLetterTopic.getOrDefault(record.topic(), record.topic());
		}
		String exception = text(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
		if (exception == null) {
			exception = text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN);
		}
		List<StoredHeader> own = new ArrayList<>();
		for (Header header : headers) {
			if (!header.key().startsWith(DLT_HEADER_PREFIX)) {
				own.add(new StoredHeader(header.key(),
						(header.value() != null) ? Base64.getEncoder().encodeToString(header.value()) : null));
			}
		}
		return this.jdbc.sql("""
				INSERT INTO dead_letter (id, dlt_topic, dlt_partition, dlt_offset, origin_topic, origin_partition,
				    origin_offset, consumer_group, record_key, payload, headers, exception_class, exception_message,
				    dead_lettered_at)
				VALUES (:id, :dltTopic, :dltPartition, :dltOffset, :originTopic, :originPartition, :originOffset,
				    :group, :key, :payload, CAST(:headers AS jsonb), :exception, :message, :at)
				ON CONFLICT (dlt_topic, dlt_partition, dlt_offset) DO NOTHING
				""")
			.param("id", UUID.randomUUID())
			.param("dltTopic", record.topic())
			.param("dltPartition", record.partition())
			.param("dltOffset", record.offset())
			.param("originTopic", originTopic)
			.param("originPartition", number(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION))
			.param("originOffset", number(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET))
			.param("group", text(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))
			.param("key", record.key())
			.param("payload", record.value())
			.param("headers", this.json.writeValueAsString(own))
			.param("exception", exception)
			.param("message", text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
			.param("at", Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

	/**
	 * Dead letters, newest first.
	 * @param replayed only those replayed ({@code true}) or not ({@code false}), or all
	 * ({@code null})
	 * @param limit the most to return
	 */
	List<DeadLetter> list(Boolean replayed, int limit) {
		String filter = (replayed == null) ? ""
				: replayed ? "WHERE replayed_at IS NOT NULL" : "WHERE replayed_at IS NULL";
		return this.jdbc
			.sql("SELECT * FROM dead_letter " + filter
					+ " ORDER BY dead_lettered_at DESC, dlt_offset DESC LIMIT :limit")
			.param("limit", limit)
			.query(this::view)
			.list();
	}

	Optional<DeadLetter> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM dead_letter WHERE id = :id").param("id", id).query(this::view).optional();
	}

	/** The ids of the letters not replayed yet, oldest first. */
	List<UUID> notReplayed() {
		return this.jdbc
			.sql("SELECT id FROM dead_letter WHERE replayed_at IS NULL ORDER BY dead_lettered_at, dlt_offset")
			.query(UUID.class)
			.list();
	}

	/**
	 * The letter as it is to be published again, locked until the current transaction
	 * ends, so that two replays of one letter take turns.
	 */
	Optional<StoredRecord> lockForReplay(UUID id) {
		return this.jdbc.sql("""
				SELECT origin_topic, origin_partition, record_key, payload, headers::text AS headers, replayed_at
				FROM dead_letter WHERE id = :id FOR UPDATE
				""").param("id", id).query((rs, row) -> {
			Timestamp replayedAt = rs.getTimestamp("replayed_at");
			return new StoredRecord(rs.getString("origin_topic"), (Integer) rs.getObject("origin_partition"),
					rs.getBytes("record_key"), rs.getBytes("payload"), headers(rs.getString("headers")),
					(replayedAt != null) ? replayedAt.toInstant() : null);
		}).optional();
	}

	void markReplayed(UUID id) {
		this.jdbc.sql("UPDATE dead_letter SET replayed_at = :now WHERE id = :id")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.update();
	}

	private DeadLetter view(ResultSet rs, int row) throws SQLException {
		Map<String, String> headers = new LinkedHashMap<>();
		headers(rs.getString("headers")).forEach((header) -> headers.put(header.name(), (header.value() != null)
				? new String(Base64.getDecoder().decode(header.value()), StandardCharsets.UTF_8) : null));
		Timestamp replayedAt = rs.getTimestamp("replayed_at");
		return new DeadLetter(rs.getObject("id", UUID.class), rs.getString("dlt_topic"), rs.getString("origin_topic"),
				(Integer) rs.getObject("origin_partition"), (Long) rs.getObject("origin_offset"),
				rs.getString("consumer_group"), text(rs.getBytes("record_key")), text(rs.getBytes("payload")), headers,
				new DeadLetter.Cause(rs.getString("exception_class"), rs.getString("exception_message")),
				rs.getTimestamp("dead_lettered_at").toInstant(), (replayedAt != null) ? replayedAt.toInstant() : null);
	}

	private List<StoredHeader> headers(String stored) {
		return (stored != null) ? this.json.readValue(stored, HEADER_LIST) : List.of();
	}

	private static String text(byte[] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

	private static String text(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** Spring Kafka writes the original partition as 4 bytes and the offset as 8. */
	private static Long number(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		if (header == null || header.value() == null) {
			return null;
		}
		ByteBuffer value = ByteBuffer.wrap(header.value());
		return switch (header.value().length) {
			case Integer.BYTES -> (long) value.getInt();
			case Long.BYTES -> value.getLong();
			default -> null;
		};
	}

	/** A header as stored: its name and its value in Base64. */
	record StoredHeader(String name, String value) {

	}

	/** What a replay publishes. */
	record StoredRecord(String topic, Integer partition, byte[] key, byte[] value, List<StoredHeader> headers,
			Instant replayedAt) {

	}

}
