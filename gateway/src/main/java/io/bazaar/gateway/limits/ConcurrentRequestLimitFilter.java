package io.bazaar.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import io.bazaar.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The gateway's own admission control, first of all its filters: at most
 * {@code gateway.max-concurrent-requests} requests are worked on at once, from their
 * arrival until their answer starts (a live stream holds no place once it has started).
 * Beyond, a request is answered 503 {@code overloaded} with {@code Retry-After} before
 * anything else is done for it, so that a saturated gateway answers the excess in
 * microseconds instead of letting every request queue behind the others until clients
 * time out. Health checks and metrics scrapes ({@code /actuator/**}) are never shed: an
 * overloaded instance must not look dead to the orchestrator or go dark on its
 * dashboards.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConcurrentRequestLimitFilter implements WebFilter {

	private static final byte[] OVERLOADED = ("{\"type\":\"https://bazaar.example/problems/overloaded\","
			+ "\"title\":\"Service Unavailable\",\"status\":503,"
			+ "\"detail\":\"The gateway is taking as many requests as it can; retry in a second.\"}")
		.getBytes(StandardCharsets.UTF_8);

	private final ConcurrencyLimit working;

	private final Counter shed;

	ConcurrentRequestLimitFilter(GatewayProperties properties, MeterRegistry meters) {
		this.working = new ConcurrencyLimit(properties.maxConcurrentRequests());
		Gauge.builder("gateway.requests.active", this.working, ConcurrencyLimit::inUse)
			.description("Requests the gateway is working on whose answers have not started")
			.register(meters);
		this.shed = Counter.builder("gateway.requests.shed")
			.description("Requests answered 503 at once because the gateway was working on as many as it may")
			.register(meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getPath().value().startsWith("/actuator/")) {
			return chain.filter(exchange);
		}
		if (!this.working.tryAcquire()) {
			this.shed.increment();
			return overloaded(exchange.getResponse());
		}
		AtomicBoolean released = new AtomicBoolean();
		Runnable release = () -> {
			if (released.compareAndSet(false, true)) {
				this.working.release();
			}
		};
		exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(release));
		return chain.filter(exchange).doFinally((signal) -> release.run());
	}

	private static Mono<Void> overloaded(ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		headers.setContentLength(OVERLOADED.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(OVERLOADED)));
	}

}
