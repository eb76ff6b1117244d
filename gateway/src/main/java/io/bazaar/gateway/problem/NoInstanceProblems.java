package io.bazaar.gateway.problem;

import io.bazaar.gateway.resilience.UpstreamHealth;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The answer when no instance can take a call: 503 {@code circuit-open} while every
 * instance the gateway knows is ejected, with {@code Retry-After} until the first is due
 * back; 503 {@code service-unavailable} when discovery lists none. Written directly, not
 * raised as an error: under overload, when instances are ejected, it is the answer to
 * most calls, and an exception with its stack trace per call would cost the gateway its
 * CPU exactly when it has least to spare.
 */
@Component
public class NoInstanceProblems {

	private final ProblemResponses problems;

	private final UpstreamHealth upstreams;

	NoInstanceProblems(ProblemResponses problems, UpstreamHealth upstreams) {
		this.problems = problems;
		this.upstreams = upstreams;
	}

	/**
	 * Answers that {@code service} (null when unknown) has no instance to take the call.
	 */
	public Mono<Void> write(ServerWebExchange exchange, String service) {
		if (service == null) {
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
					"No instance of the service is available; try again shortly.");
		}
		long retryAfter = Math.max(1, (this.upstreams.retryAfter(service).toMillis() + 999) / 1000);
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		if (this.upstreams.circuitOpen(service)) {
			return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "circuit-open",
					service + " is failing; calls to it are paused for " + retryAfter + " s.");
		}
		return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
				"No instance of " + service + " is available; try again shortly.");
	}

}
