package io.bazaar.order.payment;

import io.bazaar.order.config.OrdersProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The payment task queue: {@code workers} competing consumers per instance, in one
 * consumer group, so each task is worked on by one of them. Transient failures are
 * retried in place (blocking retries of the {@link DefaultErrorHandler}) with exponential
 * backoff; once the attempts are spent, or at once for a task that cannot be read, the
 * task is published to the dead letter topic, on the partition it came from.
 * <p>
 * Blocking rather than non-blocking retries (retry topics): each order has one payment
 * task, so there is no per-order ordering to protect either way, and the retries of one
 * task are short (seconds). When the provider is down every task fails alike; holding the
 * partition then acts as back-pressure, and the queue's backlog grows visibly (consumer
 * lag), instead of every waiting task racing through retry topics into the dead letter
 * topic within the same outage.
 */
@Configuration(proxyBeanMethods = false)
class PaymentQueueConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PaymentQueueConfiguration.class);

	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> paymentListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
			ConsumerFactory<Object, Object> consumerFactory, KafkaTemplate<?, ?> kafkaTemplate,
			OrdersProperties properties) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		factory.setConcurrency(properties.payment().workers());
		String deadLetters = properties.messaging().paymentDeadLetters();
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
				(record, ex) -> new TopicPartition(deadLetters, record.partition()));
		OrdersProperties.Retry retry = properties.payment().retry();
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxAttempts() - 1);
		backOff.setInitialInterval(retry.initialInterval().toMillis());
		backOff.setMultiplier(retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer, backOff);
		errorHandler.addNotRetryableExceptions(PoisonTaskException.class, JacksonException.class);
		// Commit past a dead-lettered task at once: otherwise its offset stays behind
		// (and
		// counts as backlog) until a later task of its partition is processed, and a
		// restart would work it, and dead-letter it, again.
		errorHandler.setCommitRecovered(true);
		factory.setCommonErrorHandler(errorHandler);
		return factory;
	}

	/**
	 * Dead letters are applied to the database; a failure to do so (the database away) is
	 * retried without limit, since skipping one would leave its order's stock reserved.
	 */
	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> paymentDeadLetterContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
			ConsumerFactory<Object, Object> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(30_000);
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(PaymentQueueConfiguration::giveUp, backOff);
		errorHandler.setCommitRecovered(true);
		factory.setCommonErrorHandler(errorHandler);
		return factory;
	}

	private static void giveUp(ConsumerRecord<?, ?> record, Exception ex) {
		logger.error("Dead payment task at {} could not be applied", PaymentWorker.position(record), ex);
	}

}
