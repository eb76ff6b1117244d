package io.bazaar.catalog.config;

import java.util.List;

import io.bazaar.catalog.inventory.UnreadableOrderEventException;
import io.bazaar.runtime.deadletter.ConsumerDeadLetters;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Kafka for the order saga: the inventory events topic, and what happens to an order
 * event that fails. One the catalog cannot read goes to
 * {@code orders.events.v1.catalog-inventory.dlt} at once, with Spring Kafka's
 * {@code kafka_dlt-*} headers (origin and error). One that fails while the database is
 * away is retried without end, with growing pauses: skipping it would lose a reservation
 * or a release, and every event would fail alike. Any other failure is retried ten times
 * (about two minutes), then dead-lettered, so that no single event can hold up its
 * partition for good (see {@link ConsumerDeadLetters}).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	private static final int PARTITIONS = 3;

	@Bean
	NewTopic inventoryEventsTopic() {
		return TopicBuilder.name("inventory.events.v1").partitions(PARTITIONS).build();
	}

	/**
	 * Where order events the catalog could not apply are kept, for inspection and replay.
	 */
	@Bean
	ConsumerDeadLetters orderEventDeadLetters() {
		return new ConsumerDeadLetters("catalog-inventory", List.of("orders.events.v1"));
	}

	@Bean
	DefaultErrorHandler orderEventErrorHandler(ConsumerDeadLetters orderEventDeadLetters,
			KafkaTemplate<?, ?> kafkaTemplate) {
		return orderEventDeadLetters.errorHandler(kafkaTemplate, UnreadableOrderEventException.class);
	}

}
