package io.bazaar.order.events;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.stereotype.Component;

/**
 * The W3C {@code traceparent} of the current span, stamped on every event so that a
 * consumer continues the trace of the change that raised it; and the consumer's side: a
 * span continuing the trace a record names.
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

	/**
	 * A consumer span for a record, continuing the trace of the change that raised it
	 * (the record's {@code traceparent} header): the events its handling raises continue
	 * that trace too. The caller ends it.
	 */
	public Span continued(ConsumerRecord<?, ?> record, String name) {
		return this.propagator.extract(record, (carrier, key) -> {
			Header header = carrier.headers().lastHeader(key);
			return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
		}).name(name).kind(Span.Kind.CONSUMER).start();
	}

	/** Runs {@code work} with {@code span} as the current span. */
	public void within(Span span, Runnable work) {
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			work.run();
		}
	}

	private String traceparentOf(Span span) {
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

}
