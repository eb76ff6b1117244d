package io.bazaar.order.events;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.stereotype.Component;

/**
 * The W3C {@code traceparent} of the current span, stamped on every event so that a
 * consumer continues the trace of the change that raised it.
 */
@Component
public class TraceContext {

	private static final String TRACEPARENT = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	public TraceContext(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * The current span's context; outside any span (a scheduled job) a span is started
	 * for the event so that it still opens a trace.
	 */
	public String currentTraceparent() {
		Span current = this.tracer.currentSpan();
		if (current != null) {
			return traceparentOf(current);
		}
		Span span = this.tracer.nextSpan().name("order-event").start();
		try {
			return traceparentOf(span);
		}
		finally {
			span.end();
		}
	}

	private String traceparentOf(Span span) {
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

}
