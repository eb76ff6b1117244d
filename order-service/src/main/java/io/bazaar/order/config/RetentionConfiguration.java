package io.bazaar.order.config;

import io.bazaar.runtime.retention.RetentionPolicy;
import io.bazaar.runtime.retention.RetentionProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the service's tables keep (settings {@code platform.retention.*}). Orders, their
 * history and payments stay. An Idempotency-Key is remembered for a day: a client retries
 * within minutes, and after that the same key may place a new order.
 */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

	@Bean
	RetentionPolicy outboxRetention(RetentionProperties retention) {
		return RetentionPolicy.publishedOutboxEvents(retention.publishedOutboxEvents());
	}

	@Bean
	RetentionPolicy processedEventRetention(RetentionProperties retention) {
		return RetentionPolicy.processedEvents(retention.processedEvents());
	}

	@Bean
	RetentionPolicy idempotencyKeyRetention(RetentionProperties retention) {
		return RetentionPolicy.of("idempotency_key", "created_at", retention.idempotencyKeys());
	}

}
