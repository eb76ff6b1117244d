package io.bazaar.notification.config;

import io.bazaar.runtime.retention.RetentionPolicy;
import io.bazaar.runtime.retention.RetentionProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the service's tables keep (settings {@code platform.retention.*}). Notifications
 * and their deliveries stay: they are the customer's history, shown with each delivery's
 * state.
 */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

	@Bean
	RetentionPolicy processedEventRetention(RetentionProperties retention) {
		return RetentionPolicy.processedEvents(retention.processedEvents());
	}

}
