package io.bazaar.order.payment;

import io.bazaar.order.config.OrdersProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The payment task queue: {@code workers} competing consumers per instance, in one
 * consumer group, so each task is worked on by one of them. Each consumer takes up to
 * {@code in-flight-per-worker} tasks at a time and has them all under way at once
 * ({@link PaymentWorker}), which retries a failed task with exponential backoff and
 * publishes it to the dead letter topic, on the partition it came from, once its attempts
 * are spent.
 * <p>
 * Retries stay in the worker rather than in retry topics: each order has one payment
 * task, so there is no per-order ordering to protect either way, and the retries of one
 * task are short (seconds). When the provider is down every task fails alike; the batch
 * then waits out its backoff, which acts as back-pressure, and the queue's backlog grows
 * visibly (consumer lag), instead of every waiting task racing through retry topics into
 * the dead letter topic within the same outage.
 */
@Configuration(proxyBeanMethods = false)
class PaymentQueueConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PaymentQueueConfiguration.class);

	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> paymentListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
			ConsumerFactory<Object, Object> consumerFactory, OrdersProperties properties) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		factory.setConcurrency(properties.payment().workers());
		factory.setBatchListener(true);
		factory.getContainerProperties()
			.getKafkaConsumerProperties()
			.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
					Integer.toString(properties.payment().inFlightPerWorker()));
		// The worker ends every task of a batch itself, dead letters included; a batch
		// fails only when a dead letter could not be published, and is then worked again
		// until it can be (its tasks are idempotent).
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(30_000);
		factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
		return factory;
	}

	/** Publishes a task whose attempts are spent to the dead letter topic. */
	@Bean
	DeadLetterPublishingRecoverer paymentDeadLetterPublisher(KafkaTemplate<?, ?> kafkaTemplate,
			OrdersProperties properties) {
		String deadLetters = properties.messaging().paymentDeadLetters();
		return new DeadLetterPublishingRecoverer(kafkaTemplate,
				(record, ex) -> new TopicPartition(deadLetters, record.partition()));
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
