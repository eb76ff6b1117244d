package io.bazaar.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every error that reaches the top of the gateway as problem+json. Unexpected
 * errors are logged in full and answered with a generic 500 that reveals nothing of the
 * cause.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemErrorHandler.class);

	private final ProblemResponses problems;

	private final NoInstanceProblems noInstance;

	ProblemErrorHandler(ProblemResponses problems, NoInstanceProblems noInstance) {
		this.problems = problems;
		this.noInstance = noInstance;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		if (exchange.getResponse().isCommitted()) {
			// The answer had started (the client went away, or the service broke off
			// mid-body): there is nothing more to say to the client.
			logger.debug("{} {} ended after its answer started", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), error);
			return Mono.empty();
		}
		Throwable known = knownCause(error);
		if (known instanceof NotFoundException) {
			return noInstance(exchange);
		}
		if (known instanceof TimeoutException) {
			return this.problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout",
					"The service did not answer in time.");
		}
		if (known instanceof ConnectException) {
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
					"The service could not be reached; try again shortly.");
		}
		if (known instanceof IOException || known instanceof AbortedException) {
			return this.problems.write(exchange, HttpStatus.BAD_GATEWAY, "upstream-failed",
					"The service closed the connection before answering; try again shortly.");
		}
		if (known instanceof ResponseStatusException statusError) {
			return writeStatus(exchange, statusError.getStatusCode(), statusError.getReason());
		}
		logger.error("Unexpected error handling {} {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), error);
		return this.problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal",
				"Something went wrong on our side.");
	}

	/**
	 * The error itself, or the first error it wraps or carries as suppressed (as Reactor
	 * does when a callback fails while an error is under way) that says what went wrong:
	 * an upstream time-out reported inside another error is still a time-out.
	 */
	static Throwable knownCause(Throwable error) {
		Throwable known = find(error, 0);
		return (known != null) ? known : error;
	}

	private static Throwable find(Throwable error, int depth) {
		if (error == null || depth > 8) {
			return null;
		}
		if (isKnown(error)) {
			return error;
		}
		for (Throwable suppressed : error.getSuppressed()) {
			Throwable known = find(suppressed, depth + 1);
			if (known != null) {
				return known;
			}
		}
		return (error.getCause() != error) ? find(error.getCause(), depth + 1) : null;
	}

	private static boolean isKnown(Throwable error) {
		return error instanceof NotFoundException || error instanceof TimeoutException
				|| error instanceof ConnectException || error instanceof IOException
				|| error instanceof AbortedException || error instanceof ResponseStatusException;
	}

	private Mono<Void> noInstance(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return this.noInstance.write(exchange, (route != null) ? route.getUri().getHost() : null);
	}

	private Mono<Void> writeStatus(ServerWebExchange exchange, HttpStatusCode code, String reason) {
		HttpStatus status = HttpStatus.resolve(code.value());
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String type = switch (status) {
			case NOT_FOUND -> "not-found";
			case METHOD_NOT_ALLOWED -> "method-not-allowed";
			case CONTENT_TOO_LARGE -> "payload-too-large";
			case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
			case SERVICE_UNAVAILABLE -> "service-unavailable";
			case GATEWAY_TIMEOUT -> "upstream-timeout";
			default -> status.is4xxClientError() ? "bad-request" : "internal";
		};
		String detail = (reason != null && status.is4xxClientError()) ? reason : status.getReasonPhrase();
		return this.problems.write(exchange, status, type, detail);
	}

}
