package io.bazaar.testsupport.kafka;

import io.bazaar.testsupport.InfrastructureMode;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker for tests: a Testcontainers container, or a KRaft broker running
 * inside the test JVM. One per test JVM; tests keep apart by topic and consumer group.
 */
public record KafkaBroker(String bootstrapServers) {

	private static final String IMAGE = "apache/kafka-native:4.1.1";

	private static volatile KafkaBroker shared;

	public static synchronized KafkaBroker shared() {
		if (shared == null) {
			shared = (InfrastructureMode.current() == InfrastructureMode.CONTAINERS) ? startContainer()
					: startInProcess();
		}
		return shared;
	}

	@SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM exits
	private static KafkaBroker startContainer() {
		KafkaContainer container = new KafkaContainer(IMAGE);
		container.start();
		return new KafkaBroker(container.getBootstrapServers());
	}

	private static KafkaBroker startInProcess() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
		Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-shutdown"));
		return new KafkaBroker(broker.getBrokersAsString());
	}

}
