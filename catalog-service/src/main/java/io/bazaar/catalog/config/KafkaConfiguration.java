package io.bazaar.catalog.config;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka for the order saga: the inventory events topic, and retries without end (with
 * growing pauses) for an order event that fails, typically while the database is away:
 * skipping it would lose a reservation or a release.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	private static final int PARTITIONS = 3;

	@Bean
	NewTopic inventoryEventsTopic() {
		return TopicBuilder.name("inventory.events.v1").partitions(PARTITIONS).build();
	}

	@Bean
	DefaultErrorHandler orderEventErrorHandler() {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(30_000);
		return new DefaultErrorHandler(backOff);
	}

}
