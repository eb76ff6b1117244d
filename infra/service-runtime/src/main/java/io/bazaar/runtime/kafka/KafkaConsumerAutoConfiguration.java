package io.bazaar.runtime.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * The platform's defaults for every service's Kafka consumers
 * ({@link ConsumerFetchDefaults}).
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(DefaultKafkaConsumerFactory.class)
public class KafkaConsumerAutoConfiguration {

	@Bean
	ConsumerFetchDefaults consumerFetchDefaults() {
		return new ConsumerFetchDefaults();
	}

}
