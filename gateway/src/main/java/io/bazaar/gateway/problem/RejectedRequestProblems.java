package io.bazaar.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers requests that Spring Security's firewall refuses (an encoded slash, a NUL or a
 * semicolon in the path, a path that is not normalised, a header that is not allowed)
 * with a 400 problem instead of an empty body. The firewall's reason is logged, not
 * echoed: it can quote what the client sent.
 */
@Component
class RejectedRequestProblems implements ServerExchangeRejectedHandler {

	private static final Logger logger = LoggerFactory.getLogger(RejectedRequestProblems.class);

	private final ProblemResponses problems;

	RejectedRequestProblems(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
		logger.debug("Rejected {}: {}", exchange.getRequest().getMethod(), ex.getMessage());
		return this.problems.write(exchange, HttpStatus.BAD_REQUEST, "rejected-request",
				"The request's path or headers contain characters or sequences the gateway does not accept "
						+ "(an encoded slash, a NUL, a semicolon, a path that is not normalised).");
	}

}
