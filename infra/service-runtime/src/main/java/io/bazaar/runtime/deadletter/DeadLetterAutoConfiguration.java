package io.bazaar.runtime.deadletter;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Dead letters of every service with Kafka consumers that declares its
 * {@link ConsumerDeadLetters}: their topics are created at start-up; with a database,
 * every record on them is stored in the service's {@code dead_letter} table (which the
 * service's migrations create) by a consumer group of its own, and the admin API
 * {@code /api/admin/dead-letters} lists and replays them.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnBean(ConsumerDeadLetters.class)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterAutoConfiguration {

	@Bean
	KafkaAdmin.NewTopics deadLetterTopics(ObjectProvider<ConsumerDeadLetters> consumers) {
		return new KafkaAdmin.NewTopics(consumers.orderedStream()
			.flatMap((consumer) -> consumer.newTopics().stream())
			.toArray(NewTopic[]::new));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JdbcClient.class, JsonMapper.class })
	@ConditionalOnBean({ JdbcClient.class, TransactionTemplate.class, JsonMapper.class, ConsumerFactory.class,
			ProducerFactory.class })
	static class Store {

		private static final Logger logger = LoggerFactory.getLogger(DeadLetterStore.class);

		@Bean
		DeadLetterStore deadLetterStore(JdbcClient jdbc, JsonMapper json, ObjectProvider<Clock> clock,
				ObjectProvider<ConsumerDeadLetters> consumers, ObjectProvider<MeterRegistry> meters) {
			return new DeadLetterStore(jdbc, json, clock.getIfAvailable(Clock::systemUTC),
					consumers.orderedStream().toList(), meters.getIfAvailable(SimpleMeterRegistry::new));
		}

		@Bean
		DeadLetterReplay deadLetterReplay(DeadLetterStore store, ProducerFactory<?, ?> producerFactory,
				TransactionTemplate transactions) {
			// Bytes in, bytes out: a replay publishes exactly what the producer once
			// sent.
			KafkaTemplate<byte[], byte[]> kafka = new KafkaTemplate<>(
					new DefaultKafkaProducerFactory<>(producerFactory.getConfigurationProperties(),
							new ByteArraySerializer(), new ByteArraySerializer()));
			return new DeadLetterReplay(store, kafka, transactions);
		}

		/**
		 * Stores every dead letter as it arrives. A failure to store one (the database
		 * away) is retried without end: the letter stays on its topic until it is stored.
		 */
		@Bean
		ConcurrentMessageListenerContainer<byte[], byte[]> deadLetterRecorder(DeadLetterStore store,
				ConsumerFactory<?, ?> consumerFactory, DeadLetterProperties properties, Environment environment) {
			ContainerProperties container = new ContainerProperties(store.deadLetterTopics().toArray(String[]::new));
			container.setGroupId((properties.group() != null) ? properties.group()
					: environment.getProperty("spring.application.name", "service") + "-dead-letters");
			container.setMessageListener((MessageListener<byte[], byte[]>) (record) -> {
				if (store.record(record)) {
					logger.warn("Dead letter from {} stored: {}", record.topic(), record.offset());
				}
			});
			ConcurrentMessageListenerContainer<byte[], byte[]> recorder = new ConcurrentMessageListenerContainer<>(
					new DefaultKafkaConsumerFactory<>(consumerFactory.getConfigurationProperties(),
							new ByteArrayDeserializer(), new ByteArrayDeserializer()),
					container);
			ExponentialBackOff databaseAway = new ExponentialBackOff(500, 2.0);
			databaseAway.setMaxInterval(30_000);
			DefaultErrorHandler errors = new DefaultErrorHandler(
					(record, ex) -> logger.error("Dead letter at {}-{}@{} could not be stored", record.topic(),
							record.partition(), record.offset(), ex),
					new ExponentialBackOffWithMaxRetries(ConsumerDeadLetters.BOUNDED_RETRIES));
			errors.setBackOffFunction((record, ex) -> ConsumerDeadLetters.databaseAway(ex) ? databaseAway : null);
			recorder.setCommonErrorHandler(errors);
			return recorder;
		}

		/** The admin API; only with a store, of which it is a member. */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		@ConditionalOnClass(DispatcherServlet.class)
		@Import(DeadLetterController.class)
		static class Web {

		}

	}

}
