package io.bazaar.catalog.cache;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards every Redis call of the cache. Once Redis keeps failing (a slow Redis fails too:
 * commands time out after {@code spring.data.redis.timeout}), calls are refused at once
 * for a while instead of each waiting for a timeout, so a dead Redis costs the catalog
 * only its first few failures; afterwards a few trial calls tell whether it is back.
 */
final class RedisCircuit {

	private static final Logger logger = LoggerFactory.getLogger(RedisCircuit.class);

	private final CircuitBreaker breaker;

	RedisCircuit(Duration openFor, MeterRegistry meters) {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(10)
			.minimumNumberOfCalls(5)
			.failureRateThreshold(50)
			.waitDurationInOpenState(openFor)
			.permittedNumberOfCallsInHalfOpenState(3)
			.recordExceptions(RuntimeException.class)
			.build();
		this.breaker = CircuitBreaker.of("redis-cache", config);
		this.breaker.getEventPublisher()
			.onStateTransition((event) -> logger.warn("Redis cache circuit {}: reads are {}",
					event.getStateTransition(), (event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED)
							? "cached again" : "served from PostgreSQL"));
		Gauge.builder("catalog.cache.circuit.open", this.breaker, RedisCircuit::openness)
			.description("1 while reads skip Redis after repeated failures, 0 otherwise")
			.register(meters);
	}

	/**
	 * Runs a Redis call.
	 * @throws RedisUnavailableException when the circuit is open or the call failed
	 */
	<R> R call(Supplier<R> redisCall) {
		try {
			return this.breaker.executeSupplier(redisCall);
		}
		catch (CallNotPermittedException ex) {
			throw new RedisUnavailableException("circuit open", true, ex);
		}
		catch (RuntimeException ex) {
			throw new RedisUnavailableException(ex.getMessage(), false, ex);
		}
	}

	boolean isOpen() {
		return openness(this.breaker) == 1.0;
	}

	private static double openness(CircuitBreaker breaker) {
		CircuitBreaker.State state = breaker.getState();
		return (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) ? 1.0 : 0.0;
	}

	static final class RedisUnavailableException extends RuntimeException {

		private final boolean circuitOpen;

		RedisUnavailableException(String message, boolean circuitOpen, Throwable cause) {
			super(message, cause);
			this.circuitOpen = circuitOpen;
		}

		/** Whether Redis was skipped rather than tried. */
		boolean circuitOpen() {
			return this.circuitOpen;
		}

	}

}
