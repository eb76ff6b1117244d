package io.bazaar.gateway.resilience;

import java.util.concurrent.TimeoutException;

import io.bazaar.gateway.problem.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker sends a call it could not complete: answers 504 when
 * the service was too slow and 503 when it was unreachable or its circuit is open, as
 * problem+json.
 */
@RestController
class FallbackController {

	private final ProblemResponses problems;

	FallbackController(ProblemResponses problems) {
		this.problems = problems;
	}

	@RequestMapping("/fallback/{service}")
	Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
		Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		if (failure instanceof TimeoutException) {
			return this.problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout",
					service + " did not answer in time.");
		}
		if (failure instanceof CallNotPermittedException) {
			return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "circuit-open",
					service + " is failing; calls to it are paused for a moment. Try again shortly.");
		}
		return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
				service + " is unavailable. Try again shortly.");
	}

}
