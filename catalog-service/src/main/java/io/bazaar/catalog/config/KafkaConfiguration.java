package io.bazaar.catalog.config;

import io.bazaar.catalog.inventory.UnreadableOrderEventException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka for the order saga: the inventory events topic, and what happens to an order
 * event that fails. One the catalog cannot read goes to
 * {@value #ORDER_EVENT_DEAD_LETTERS} at once, with Spring Kafka's {@code kafka_dlt-*}
 * headers (origin and error). One that fails while the database is away is retried
 * without end, with growing pauses: skipping it would lose a reservation or a release,
 * and every event would fail alike. Any other failure is retried ten times (about two
 * minutes), then dead-lettered, so that no single event can hold up its partition for
 * good.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	/**
	 * Where order events the catalog could not apply are kept, for inspection and replay.
	 */
	static final String ORDER_EVENT_DEAD_LETTERS = "orders.events.v1.catalog-inventory.dlt";

	private static final int PARTITIONS = 3;

	@Bean
	NewTopic inventoryEventsTopic() {
		return TopicBuilder.name("inventory.events.v1").partitions(PARTITIONS).build();
	}

	@Bean
	NewTopic orderEventDeadLettersTopic() {
		return TopicBuilder.name(ORDER_EVENT_DEAD_LETTERS).partitions(1).build();
	}

	@Bean
	DefaultErrorHandler orderEventErrorHandler(KafkaTemplate<?, ?> kafkaTemplate) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
				(record, ex) -> new TopicPartition(ORDER_EVENT_DEAD_LETTERS, 0));
		ExponentialBackOff databaseAway = new ExponentialBackOff(500, 2.0);
		databaseAway.setMaxInterval(30_000);
		ExponentialBackOffWithMaxRetries bounded = new ExponentialBackOffWithMaxRetries(10);
		bounded.setInitialInterval(500);
		bounded.setMultiplier(2.0);
		bounded.setMaxInterval(30_000);
		DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, bounded);
		handler.setBackOffFunction((record, ex) -> databaseAway(ex) ? databaseAway : null);
		handler.addNotRetryableExceptions(UnreadableOrderEventException.class);
		handler.setCommitRecovered(true);
		return handler;
	}

	private static boolean databaseAway(Exception failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof TransientDataAccessException) {
				return true;
			}
		}
		return false;
	}

}
