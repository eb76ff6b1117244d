package io.bazaar.runtime.retention;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The purge of rows past their retention, for every service with a database that declares
 * {@link RetentionPolicy} beans: {@link RetentionPurger}, scheduled unless
 * {@code platform.retention.enabled=false}. {@link RetentionProperties} is always there,
 * so that a service can read its retentions when declaring its policies.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ JdbcClient.class, TransactionTemplate.class, MeterRegistry.class })
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ JdbcClient.class, TransactionTemplate.class, RetentionPolicy.class })
	static class PurgeConfiguration {

		@Bean
		RetentionPurger retentionPurger(JdbcClient jdbc, TransactionTemplate transactions, ObjectProvider<Clock> clock,
				ObjectProvider<RetentionPolicy> policies, RetentionProperties properties,
				ObjectProvider<MeterRegistry> meters) {
			return new RetentionPurger(jdbc, transactions, clock.getIfAvailable(Clock::systemUTC),
					policies.orderedStream().toList(), properties, meters.getIfAvailable(SimpleMeterRegistry::new));
		}

		@Bean
		@ConditionalOnProperty(name = "platform.retention.enabled", matchIfMissing = true)
		RetentionSchedule retentionSchedule(RetentionPurger purger, RetentionProperties properties) {
			return new RetentionSchedule(purger, properties);
		}

	}

}
