package io.bazaar.catalog.config;

import io.bazaar.runtime.retention.RetentionPolicy;
import io.bazaar.runtime.retention.RetentionProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the service's tables keep (settings {@code platform.retention.*}). Reservations
 * stay: they are the record of what each order held.
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

}
