package io.bazaar.runtime.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes dead letters again to the topic they came from, on the partition they came
 * from, with their key, value and own headers ({@code eventId} included), and stamps them
 * replayed. The letter's row stays locked while it is published, so two replays of one
 * letter take turns and the second finds it replayed. A replayed record reaches every
 * consumer group of its topic; each skips the event ids it has applied, so only a group
 * that had not applied it acts on it. A record that fails again becomes a new dead
 * letter.
 */
public class DeadLetterReplay {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterReplay.class);

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

	private final DeadLetterStore store;

	private final KafkaOperations<byte[], byte[]> kafka;

	private final TransactionTemplate transactions;

	DeadLetterReplay(DeadLetterStore store, KafkaOperations<byte[], byte[]> kafka, TransactionTemplate transactions) {
		this.store = store;
		this.kafka = kafka;
		this.transactions = transactions;
	}

	/**
	 * Replays one dead letter.
	 * @throws DeadLetterNotFoundException when there is no such letter
	 * @throws DeadLetterAlreadyReplayedException when it was replayed before
	 */
	public DeadLetter replay(UUID id) {
		this.transactions.executeWithoutResult((status) -> {
			DeadLetterStore.StoredRecord letter = this.store.lockForReplay(id)
				.orElseThrow(() -> new DeadLetterNotFoundException(id));
			if (letter.replayedAt() != null) {
				throw new DeadLetterAlreadyReplayedException(id, letter.replayedAt());
			}
			publish(letter);
			this.store.markReplayed(id);
		});
		logger.info("Replayed dead letter {}", id);
		return this.store.find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
	}

	/** Replays every letter not replayed yet, oldest first; returns those replayed. */
	public List<DeadLetter> replayAll() {
		List<DeadLetter> replayed = new ArrayList<>();
		for (UUID id : this.store.notReplayed()) {
			try {
				replayed.add(replay(id));
			}
			catch (DeadLetterAlreadyReplayedException ex) {
				// replayed meanwhile by another request
			}
		}
		return replayed;
	}

	private void publish(DeadLetterStore.StoredRecord letter) {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(letter.topic(), letter.partition(), letter.key(),
				letter.value());
		letter.headers()
			.forEach((header) -> record.headers()
				.add(new RecordHeader(header.name(),
						(header.value() != null) ? Base64.getDecoder().decode(header.value()) : null)));
		try {
			this.kafka.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while replaying to " + letter.topic(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker did not take the replay to " + letter.topic(), ex);
		}
	}

}
