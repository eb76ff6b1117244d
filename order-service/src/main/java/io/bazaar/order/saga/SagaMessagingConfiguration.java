package io.bazaar.order.saga;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How inventory events are consumed. A failure to apply one (the database away) is
 * retried with a growing pause and no limit: skipping it would strand the order, and
 * holding the partition keeps each order's events in order. Only an event that can never
 * be applied (not JSON, no ids) is logged and skipped.
 */
@Configuration(proxyBeanMethods = false)
class SagaMessagingConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SagaMessagingConfiguration.class);

	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> sagaListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
			ConsumerFactory<Object, Object> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(30_000);
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(SagaMessagingConfiguration::skip, backOff);
		errorHandler.addNotRetryableExceptions(JacksonException.class, MalformedEventException.class);
		errorHandler.setCommitRecovered(true);
		factory.setCommonErrorHandler(errorHandler);
		return factory;
	}

	private static void skip(ConsumerRecord<?, ?> record, Exception ex) {
		logger.error("Skipped an event that cannot be applied at {}-{}@{}", record.topic(), record.partition(),
				record.offset(), ex);
	}

}
