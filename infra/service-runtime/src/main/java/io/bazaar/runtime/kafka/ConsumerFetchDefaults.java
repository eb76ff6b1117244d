package io.bazaar.runtime.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * Consumers that wait quietly. A fetch the broker cannot fill waits there for up to
 * {@code fetch.max.wait.ms} and is then sent again: at Kafka's default of 500 ms every
 * idle consumer asked twice a second, which made the consumers the largest CPU cost of an
 * idle service (and of the idle broker). A record that arrives ends the wait at once
 * ({@code fetch.min.bytes} stays 1), so the longer wait adds no latency. A service that
 * sets {@code spring.kafka.consumer.fetch-max-wait} keeps its own value.
 */
class ConsumerFetchDefaults implements DefaultKafkaConsumerFactoryCustomizer {

	static final Duration FETCH_MAX_WAIT = Duration.ofSeconds(5);

	@Override
	public void customize(DefaultKafkaConsumerFactory<?, ?> consumerFactory) {
		if (!consumerFactory.getConfigurationProperties().containsKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)) {
			consumerFactory
				.updateConfigs(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) FETCH_MAX_WAIT.toMillis()));
		}
	}

}
