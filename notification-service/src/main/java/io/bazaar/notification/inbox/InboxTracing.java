package io.bazaar.notification.inbox;

import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.stereotype.Component;

/**
 * Continues the trace of the change that caused an event: the span that applies it is a
 * child of the event's {@code traceparent}, so one trace runs from the user's request in
 * another service to the notification and its log lines here.
 */
@Component
class InboxTracing {

	private final Tracer tracer;

	private final Propagator propagator;

	InboxTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	void consume(EventHeader header, Runnable work) {
		Span.Builder builder = (header.traceparent() != null && !header.traceparent().isBlank())
				? this.propagator.extract(Map.of("traceparent", header.traceparent()), Map::get)
				: this.tracer.spanBuilder();
		Span span = builder.name("consume " + header.type())
			.kind(Span.Kind.CONSUMER)
			.tag("messaging.message.id", header.eventId().toString())
			.start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			work.run();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

}
