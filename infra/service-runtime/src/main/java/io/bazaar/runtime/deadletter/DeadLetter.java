package io.bazaar.runtime.deadletter;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A record one of the service's consumers gave up on, as the admin API shows it.
 *
 * @param id the dead letter's id
 * @param deadLetterTopic where it was dead-lettered
 * @param originTopic the topic it came from, and is replayed to
 * @param originPartition the partition it came from
 * @param originOffset its offset there
 * @param consumerGroup the consumer group that gave up on it
 * @param key the record key, as text
 * @param payload the record value, as text
 * @param headers the record's own headers (not the {@code kafka_dlt-*} ones), as text
 * @param cause why it was given up on
 * @param deadLetteredAt when it was stored
 * @param replayedAt when it was replayed to its origin topic, or {@code null}
 */
public record DeadLetter(UUID id, String deadLetterTopic, String originTopic, Integer originPartition,
		Long originOffset, String consumerGroup, String key, String payload, Map<String, String> headers, Cause cause,
		Instant deadLetteredAt, Instant replayedAt) {

	/**
	 * @param exception the class of the exception that made the consumer give up
	 * @param message its message
	 */
	public record Cause(String exception, String message) {

	}

}
