package io.bazaar.order.config;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock, the scheduler of the outbox relay and the circuit breakers. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ApplicationConfiguration {

	/**
	 * UTC, at the microsecond precision PostgreSQL stores, so stored times read back
	 * equal.
	 */
	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
	}

	@Bean
	CircuitBreakerRegistry circuitBreakerRegistry(OrdersProperties properties, MeterRegistry meterRegistry) {
		OrdersProperties.CircuitBreaker settings = properties.catalog().circuitBreaker();
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.slidingWindow())
			.minimumNumberOfCalls(settings.minimumCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.openFor())
			.permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build());
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meterRegistry);
		return registry;
	}

}
