package io.bazaar.gateway.observability;

import java.net.InetSocketAddress;

import io.micrometer.tracing.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * One structured log line per request: method, path, status, duration, request id,
 * client, and the trace and span of the request's observation ({@link RequestTrace}).
 * Written by an asynchronous appender with {@link AccessLogFormatter}
 * (logback-spring.xml). A request that ended before any answer started (its client went
 * away, or the gateway gave up on it) is logged with status 0: the server's default
 * status would read as a 200 nobody received.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class AccessLogFilter implements WebFilter {

	private static final Logger accessLog = LoggerFactory.getLogger("io.bazaar.gateway.access");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long started = System.nanoTime();
		return chain.filter(exchange).doFinally((signal) -> log(exchange, started));
	}

	private static void log(ServerWebExchange exchange, long started) {
		HttpStatusCode status = exchange.getResponse().isCommitted() ? exchange.getResponse().getStatusCode() : null;
		InetSocketAddress client = exchange.getRequest().getRemoteAddress();
		TraceContext trace = RequestTrace.of(exchange);
		accessLog.info("{}",
				new AccessLogEntry(exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(),
						(status != null) ? status.value() : 0, (System.nanoTime() - started) / 1_000_000,
						exchange.getAttribute(RequestIdFilter.ATTRIBUTE),
						(client != null && client.getAddress() != null) ? client.getAddress().getHostAddress() : "",
						(trace != null) ? trace.traceId() : null, (trace != null) ? trace.spanId() : null));
	}

}
