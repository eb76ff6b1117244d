package io.bazaar.runtime.outbox;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The W3C {@code traceparent} of the current span, carried by events to their consumers.
 */
public class Traceparent {

	private final ObjectProvider<Tracer> tracer;

	Traceparent(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	/**
	 * @return the current trace context as a {@code traceparent} value, or {@code null}
	 */
	public String current() {
		Tracer tracer = this.tracer.getIfAvailable();
		TraceContext context = (tracer != null) ? tracer.currentTraceContext().context() : null;
		if (context == null) {
			return null;
		}
		boolean sampled = Boolean.TRUE.equals(context.sampled());
		return "00-" + context.traceId() + "-" + context.spanId() + "-" + (sampled ? "01" : "00");
	}

}
