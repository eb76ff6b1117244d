package io.bazaar.runtime.deadletter;

import java.util.List;
import java.util.function.BiFunction;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.Assert;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Where the records one consumer group could not apply go, and how it gets there: each
 * topic the group reads has a dead letter topic of its own, {@code <topic>.<group>.dlt}
 * (one partition), created at start-up. A service declares one bean per consumer group
 * and gives its listeners {@link #errorHandler}; the dead letters of every such bean are
 * also stored for the admin API (see {@link DeadLetterAutoConfiguration}).
 * <p>
 * The error handler sends a record its consumer cannot read (the exception types the
 * service names: not JSON, ids missing, a version it does not read) to the dead letter
 * topic at once, with Spring Kafka's {@code kafka_dlt-*} headers (origin and exception):
 * retrying cannot help, and the records behind it keep flowing. A record that fails while
 * the database is away is retried without end, with growing pauses (0.5 s doubling up to
 * 30 s): skipping it would lose its effect, and every record would fail alike. Any other
 * failure is retried ten times (about two minutes), then dead-lettered, so that no single
 * record holds up its partition for good.
 *
 * @param group the consumer group
 * @param topics the topics it reads
 */
public record ConsumerDeadLetters(String group, List<String> topics) {

	/** Retries of a failure that is neither unreadable nor the database being away. */
	static final int BOUNDED_RETRIES = 10;

	public ConsumerDeadLetters {
		Assert.hasText(group, "A consumer group is required");
		Assert.notEmpty(topics, "At least one topic is required");
		topics = List.copyOf(topics);
	}

	/** The dead letter topic of records of {@code topic} that this group gave up on. */
	public String deadLetterTopic(String topic) {
		return topic + "." + this.group + ".dlt";
	}

	/** The dead letter topics of every topic the group reads. */
	public List<String> deadLetterTopics() {
		return this.topics.stream().map(this::deadLetterTopic).toList();
	}

	List<NewTopic> newTopics() {
		return deadLetterTopics().stream().map((topic) -> TopicBuilder.name(topic).partitions(1).build()).toList();
	}

	/**
	 * The error handler of the group's listeners.
	 * @param kafka publishes the dead letters
	 * @param unreadable the exceptions by which the listeners say a record cannot be read
	 */
	@SafeVarargs
	public final DefaultErrorHandler errorHandler(KafkaOperations<?, ?> kafka,
			Class<? extends Exception>... unreadable) {
		DeadLetterPublishingRecoverer deadLetters = new BatchAwareDeadLetterPublisher(kafka,
				(record, ex) -> new TopicPartition(deadLetterTopic(record.topic()), 0));
		ExponentialBackOffWithMaxRetries bounded = new ExponentialBackOffWithMaxRetries(BOUNDED_RETRIES);
		bounded.setInitialInterval(500);
		bounded.setMultiplier(2.0);
		bounded.setMaxInterval(30_000);
		DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, bounded);
		ExponentialBackOff databaseAway = new ExponentialBackOff(500, 2.0);
		databaseAway.setMaxInterval(30_000);
		handler.setBackOffFunction((record, ex) -> databaseAway(ex) ? databaseAway : null);
		handler.addNotRetryableExceptions(unreadable);
		handler.setCommitRecovered(true);
		return handler;
	}

	/**
	 * Publishes a dead letter with the headers of what went wrong with its record. A
	 * batch listener names the failed record with a {@link BatchListenerFailedException}
	 * around that failure; the letter carries the failure itself, as a record listener's
	 * would.
	 */
	private static final class BatchAwareDeadLetterPublisher extends DeadLetterPublishingRecoverer {

		BatchAwareDeadLetterPublisher(KafkaOperations<?, ?> kafka,
				BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
			super(kafka, destination);
		}

		@Override
		public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
			if (exception instanceof ListenerExecutionFailedException failed
					&& failed.getCause() instanceof BatchListenerFailedException named && named.getCause() != null) {
				exception = new ListenerExecutionFailedException(failed.getMessage(), failed.getGroupId(),
						named.getCause());
			}
			super.accept(record, consumer, exception);
		}

	}

	static boolean databaseAway(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof TransientDataAccessException) {
				return true;
			}
		}
		return false;
	}

}
