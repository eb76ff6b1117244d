package io.bazaar.gateway.resilience;

import io.bazaar.gateway.config.GatewayProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One circuit breaker and time limit per service (routes name their breaker after the
 * service). A service that keeps failing is cut off for a while, so clients get a fast
 * 503 instead of waiting on timeouts, and the service gets room to recover.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> perRouteCircuitBreakers(GatewayProperties properties) {
		GatewayProperties.Resilience settings = properties.resilience();
		CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(2)
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.build();
		return (factory) -> factory
			.configureDefault((service) -> new Resilience4JConfigBuilder(service).circuitBreakerConfig(breaker)
				.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(settings.timeoutFor(service)).build())
				.build());
	}

}
