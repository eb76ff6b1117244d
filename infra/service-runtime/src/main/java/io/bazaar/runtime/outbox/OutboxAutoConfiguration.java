package io.bazaar.runtime.outbox;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox for every service with a database and Kafka that publishes
 * events (a service that only consumes turns it off with
 * {@code platform.outbox.enabled=false}): {@link Outbox} to queue events inside a
 * business transaction (table {@code outbox_event}, whose {@code position} column orders
 * each aggregate's events), {@link OutboxRelay} to publish them, run on each commit and
 * every poll interval unless {@code platform.outbox.relay-enabled=false}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ JdbcClient.class, KafkaTemplate.class, JsonMapper.class })
@ConditionalOnBean({ JdbcClient.class, KafkaTemplate.class, TransactionTemplate.class, JsonMapper.class })
@ConditionalOnProperty(name = "platform.outbox.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

	private final CommitSignal commits = new CommitSignal();

	@Bean
	Outbox outbox(JdbcClient jdbc, JsonMapper json) {
		return new Outbox(jdbc, json, this.commits);
	}

	@Bean
	Traceparent traceparent(ObjectProvider<Tracer> tracer) {
		return new Traceparent(tracer);
	}

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, TransactionTemplate transactions,
			ObjectProvider<Clock> clock, OutboxProperties properties, ObjectProvider<MeterRegistry> meters) {
		return new OutboxRelay(jdbc, kafka, transactions, clock.getIfAvailable(Clock::systemUTC), properties,
				meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
	}

	@Bean
	@ConditionalOnProperty(name = "platform.outbox.relay-enabled", matchIfMissing = true)
	OutboxRelaySchedule outboxRelaySchedule(OutboxRelay relay, OutboxProperties properties) {
		return new OutboxRelaySchedule(relay, this.commits, properties);
	}

}
