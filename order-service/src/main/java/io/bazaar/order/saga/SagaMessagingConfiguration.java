package io.bazaar.order.saga;

import java.util.List;

import io.bazaar.order.config.OrdersProperties;
import io.bazaar.runtime.deadletter.ConsumerDeadLetters;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * How inventory events are consumed. An event that can never be applied (not JSON, no
 * ids, a version this service does not read) goes at once to
 * {@code inventory.events.v1.order-service-saga.dlt}, for inspection and replay, and the
 * events behind it keep flowing. A failure while the database is away is retried with a
 * growing pause and no limit: skipping the event would strand its order, and holding the
 * partition keeps each order's events in order. Any other failure is retried ten times,
 * then dead-lettered (see {@link ConsumerDeadLetters}).
 */
@Configuration(proxyBeanMethods = false)
class SagaMessagingConfiguration {

	@Bean
	ConsumerDeadLetters sagaDeadLetters(OrdersProperties properties) {
		return new ConsumerDeadLetters(properties.messaging().sagaGroup(),
				List.of(properties.messaging().inventoryEvents()));
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> sagaListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
			ConsumerFactory<Object, Object> consumerFactory, ConsumerDeadLetters sagaDeadLetters,
			KafkaTemplate<?, ?> kafkaTemplate) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		factory.setCommonErrorHandler(sagaDeadLetters.errorHandler(kafkaTemplate, MalformedEventException.class));
		return factory;
	}

}
