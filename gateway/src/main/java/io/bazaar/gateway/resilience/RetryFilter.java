package io.bazaar.gateway.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import io.bazaar.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sets a call's time limit and sends a failed call again, to another instance where the
 * service has one, as {@link GatewayProperties.Retries} describes. It wraps the balancer,
 * so each retry is balanced anew; a retry never outlives the call's time limit, and an
 * answer that says when to come back ({@code Retry-After}) is passed on, not retried.
 */
@Component
class RetryFilter implements GlobalFilter, Ordered {

	private static final Set<HttpMethod> IDEMPOTENT_READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private static final Object ANSWERED = new Object();

	private static final String CLOSED_BEFORE_SEND = AbortedException.beforeSend().getMessage();

	private final GatewayProperties.Resilience settings;

	private final MeterRegistry meters;

	private final Map<String, ServiceRetries> services = new ConcurrentHashMap<>();

	RetryFilter(GatewayProperties properties, MeterRegistry meters) {
		this.settings = properties.resilience();
		this.meters = meters;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String service = UpstreamRoutes.serviceOf(exchange);
		if (service == null) {
			return chain.filter(exchange);
		}
		long now = System.nanoTime();
		exchange.getAttributes()
			.put(UpstreamRoutes.DEADLINE_ATTRIBUTE, now + this.settings.timeoutFor(service).toNanos());
		ServiceRetries retries = retries(service, now);
		retries.budget.callMade();
		URI balancedUrl = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		return attempt(exchange, chain, retries, balancedUrl, 0);
	}

	private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, ServiceRetries retries,
			URI balancedUrl, int retried) {
		return chain.filter(exchange).thenReturn(ANSWERED).onErrorResume(Mono::just).flatMap((result) -> {
			Throwable error = (result instanceof Throwable failure) ? failure : null;
			if (retried < this.settings.retries().maxRetries() && worthRetrying(exchange, error)) {
				if (retries.budget.tryRetry(System.nanoTime())) {
					retries.attempted.increment();
					ServerWebExchangeUtils.reset(exchange);
					exchange.getResponse().setStatusCode(null);
					exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, balancedUrl);
					return attempt(exchange, chain, retries, balancedUrl, retried + 1);
				}
				retries.refused.increment();
			}
			return (error != null) ? Mono.error(error) : Mono.empty();
		});
	}

	private boolean worthRetrying(ServerWebExchange exchange, Throwable error) {
		ServerHttpResponse response = exchange.getResponse();
		Long deadline = exchange.getAttribute(UpstreamRoutes.DEADLINE_ATTRIBUTE);
		if (response.isCommitted() || (deadline != null && deadline - System.nanoTime() <= 0)) {
			return false;
		}
		if (error != null) {
			if (isConnectFailure(error)) {
				return true;
			}
			return IDEMPOTENT_READS.contains(exchange.getRequest().getMethod()) && error instanceof IOException
					&& !(error instanceof TimeoutException);
		}
		HttpStatusCode status = response.getStatusCode();
		int code = (status != null) ? status.value() : 0;
		return (code == 502 || code == 503 || code == 504)
				&& !response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)
				&& IDEMPOTENT_READS.contains(exchange.getRequest().getMethod());
	}

	/**
	 * The request never reached the service: it could not be connected to, or a pooled
	 * connection was found closed before the request was sent.
	 */
	private static boolean isConnectFailure(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException
					|| (cause instanceof AbortedException && CLOSED_BEFORE_SEND.equals(cause.getMessage()))) {
				return true;
			}
		}
		return false;
	}

	private ServiceRetries retries(String service, long now) {
		ServiceRetries retries = this.services.get(service);
		return (retries != null) ? retries
				: this.services.computeIfAbsent(service,
						(name) -> new ServiceRetries(new RetryBudget(this.settings.retries(), now),
								counter(name, "attempted"), counter(name, "refused")));
	}

	private Counter counter(String service, String outcome) {
		return Counter.builder("gateway.upstream.retries")
			.description("Failed calls sent again (attempted), or not sent again because the retry budget was spent "
					+ "(refused)")
			.tags("service", service, "outcome", outcome)
			.register(this.meters);
	}

	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;
	}

	private record ServiceRetries(RetryBudget budget, Counter attempted, Counter refused) {

	}

}
