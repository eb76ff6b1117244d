package io.bazaar.gateway.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace of a request, read from the exchange's {@code http.server.requests}
 * observation: thread-locals are not restored around reactive operators here, so the
 * current span cannot be asked for.
 */
final class RequestTrace {

	private RequestTrace() {
	}

	/** The span of the request's server observation, or {@code null} when it has none. */
	static TraceContext of(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> context.<TracingObservationHandler.TracingContext>get(
					TracingObservationHandler.TracingContext.class))
			.map(TracingObservationHandler.TracingContext::getSpan)
			.map(Span::context)
			.orElse(null);
	}

}
