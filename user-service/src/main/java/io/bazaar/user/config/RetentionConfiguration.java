package io.bazaar.user.config;

import io.bazaar.runtime.retention.RetentionPolicy;
import io.bazaar.runtime.retention.RetentionProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the service's tables keep (settings {@code platform.retention.*}). Expired refresh
 * tokens are deleted by {@code TokenMaintenance}, family by family.
 */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

	@Bean
	RetentionPolicy outboxRetention(RetentionProperties retention) {
		return RetentionPolicy.publishedOutboxEvents(retention.publishedOutboxEvents());
	}

}
