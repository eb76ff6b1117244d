package io.bazaar.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.bazaar.gateway.config.GatewayProperties;
import io.bazaar.gateway.ratelimit.RateLimitFilter;
import io.bazaar.gateway.resilience.UpstreamHealth;
import io.bazaar.gateway.resilience.UpstreamRoutes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
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
 * <p>
 * An admitted request whose answer has not started by its answer deadline (the longest
 * upstream time limit and {@link #ANSWER_GRACE}) is given up: its work is cancelled, its
 * place freed, and the client answered 503 {@code gateway-timeout} with
 * {@code Retry-After}. Every upstream call has its own time limit; this one bounds
 * whatever else a request might wait on in the gateway, so that no stage can hold
 * clients, or the gateway's places, indefinitely.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConcurrentRequestLimitFilter implements WebFilter {

	/**
	 * How much longer than its longest upstream time limit a request may go unanswered.
	 */
	static final Duration ANSWER_GRACE = Duration.ofSeconds(3);

	private static final Logger logger = LoggerFactory.getLogger(ConcurrentRequestLimitFilter.class);

	private static final byte[] OVERLOADED = problem("overloaded",
			"The gateway is taking as many requests as it can; retry in a second.");

	private static final byte[] UNANSWERED = problem("gateway-timeout",
			"The gateway could not answer in time; retry in a second.");

	private final ConcurrencyLimit working;

	private final Duration answerDeadline;

	private final Counter shed;

	private final Counter unanswered;

	@Autowired
	ConcurrentRequestLimitFilter(GatewayProperties properties, MeterRegistry meters) {
		this(properties.maxConcurrentRequests(), properties.resilience().longestTimeout().plus(ANSWER_GRACE), meters);
	}

	ConcurrentRequestLimitFilter(int maxConcurrentRequests, Duration answerDeadline, MeterRegistry meters) {
		this.working = new ConcurrencyLimit(maxConcurrentRequests);
		this.answerDeadline = answerDeadline;
		Gauge.builder("gateway.requests.active", this.working, ConcurrencyLimit::inUse)
			.description("Requests the gateway is working on whose answers have not started")
			.register(meters);
		this.shed = Counter.builder("gateway.requests.shed")
			.description("Requests answered 503 at once because the gateway was working on as many as it may")
			.register(meters);
		this.unanswered = Counter.builder("gateway.requests.unanswered")
			.description("Requests given up and answered 503 because their answer had not started by their deadline")
			.register(meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getPath().value().startsWith("/actuator/")) {
			return chain.filter(exchange);
		}
		if (!this.working.tryAcquire()) {
			this.shed.increment();
			return write(exchange.getResponse(), OVERLOADED);
		}
		AtomicBoolean released = new AtomicBoolean();
		Runnable release = () -> {
			if (released.compareAndSet(false, true)) {
				this.working.release();
			}
		};
		ServerHttpResponse response = exchange.getResponse();
		response.beforeCommit(() -> Mono.fromRunnable(release));
		return chain.filter(exchange)
			.doFinally((signal) -> release.run())
			.timeout(unansweredAfter(this.answerDeadline, response), Mono.defer(() -> giveUp(exchange)));
	}

	/** Signals once the deadline has passed with no answer started; never once it has. */
	private static Mono<Long> unansweredAfter(Duration deadline, ServerHttpResponse response) {
		return Mono.delay(deadline).flatMap((tick) -> response.isCommitted() ? Mono.never() : Mono.just(tick));
	}

	private Mono<Void> giveUp(ServerWebExchange exchange) {
		this.unanswered.increment();
		logger.warn("Gave up on {} {} after {} ms without an answer; it had reached: {}",
				exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
				this.answerDeadline.toMillis(), progressOf(exchange));
		ServerHttpResponse response = exchange.getResponse();
		return response.isCommitted() ? Mono.empty() : write(response, UNANSWERED);
	}

	/**
	 * How far a request had got through the gateway's filters, for the line logged when
	 * it is given up: where it waited is the step after the last one named.
	 */
	static String progressOf(ServerWebExchange exchange) {
		List<String> reached = new ArrayList<>();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		reached.add((route != null) ? "route " + route.getId() : "no route");
		String bucket = exchange.getAttribute(RateLimitFilter.BUCKET_ATTRIBUTE);
		if (bucket != null) {
			boolean decided = exchange.getResponse().getHeaders().containsHeader(RateLimitFilter.LIMIT_HEADER);
			reached.add("rate-limit bucket " + bucket + (decided ? " (passed)" : " (no decision)"));
		}
		Response<ServiceInstance> chosen = exchange
			.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		if (chosen != null) {
			reached.add(chosen.hasServer() ? "instance " + UpstreamHealth.address(chosen.getServer()) : "no instance");
		}
		Set<?> tried = exchange.getAttribute(UpstreamRoutes.TRIED_INSTANCES_ATTRIBUTE);
		if (tried != null && !tried.isEmpty()) {
			reached.add("call sent to " + tried);
		}
		return String.join(", ", reached);
	}

	private static Mono<Void> write(ServerHttpResponse response, byte[] problem) {
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		headers.setContentLength(problem.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(problem)));
	}

	private static byte[] problem(String type, String detail) {
		return ("{\"type\":\"https://bazaar.example/problems/" + type + "\",\"title\":\"Service Unavailable\","
				+ "\"status\":503,\"detail\":\"" + detail + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
