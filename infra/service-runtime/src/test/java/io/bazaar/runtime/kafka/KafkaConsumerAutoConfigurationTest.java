package io.bazaar.runtime.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConsumerAutoConfigurationTest {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaConsumerAutoConfiguration.class, KafkaAutoConfiguration.class));

	@Test
	void idleConsumersAskTheBrokerEveryFiveSecondsInsteadOfTwiceASecond() {
		this.contexts
			.run((context) -> assertThat(fetchMaxWait(context.getBean(ConsumerFactory.class))).isEqualTo(5000));
	}

	@Test
	void aServiceThatSetsItsOwnWaitKeepsIt() {
		this.contexts.withPropertyValues("spring.kafka.consumer.fetch-max-wait=750ms")
			.run((context) -> assertThat(fetchMaxWait(context.getBean(ConsumerFactory.class))).isEqualTo(750));
	}

	private static Object fetchMaxWait(ConsumerFactory<?, ?> consumers) {
		return consumers.getConfigurationProperties().get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
	}

}
