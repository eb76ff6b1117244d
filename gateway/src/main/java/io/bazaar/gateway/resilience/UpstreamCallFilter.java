package io.bazaar.gateway.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.bazaar.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * One call to the instance the balancer chose: admitted only while the service has fewer
 * calls under way than it is given (the excess is answered 503 with {@code Retry-After}
 * at once, never queued), held to what is left of the call's time limit, and judged when
 * it ends, so that a failing or slow instance leaves the rotation. Time is measured from
 * when the call is sent, so the gateway's own queueing never counts against an instance.
 */
@Component
class UpstreamCallFilter implements GlobalFilter, Ordered {

	private final UpstreamHealth upstreams;

	private final ProblemResponses problems;

	UpstreamCallFilter(UpstreamHealth upstreams, ProblemResponses problems) {
		this.upstreams = upstreams;
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String service = UpstreamRoutes.serviceOf(exchange);
		Response<ServiceInstance> chosen = exchange
			.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		if (service == null || chosen == null || !chosen.hasServer()) {
			return chain.filter(exchange);
		}
		ServiceInstance instance = chosen.getServer();
		InstanceHealth health = this.upstreams.tryStartCall(service, instance);
		if (health == null) {
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
					service + " is taking as many calls as it can; retry in a second.");
		}
		UpstreamRoutes.tried(exchange).add(UpstreamHealth.address(instance));
		long started = System.nanoTime();
		Mono<Void> call = chain.filter(exchange);
		Long deadline = exchange.getAttribute(UpstreamRoutes.DEADLINE_ATTRIBUTE);
		if (deadline != null) {
			call = call.timeout(Duration.ofNanos(Math.max(1, deadline - started)));
		}
		CallEnd end = new CallEnd(service, health);
		return call.doOnSuccess((ignored) -> end.ended(outcome(exchange, health, started)))
			.doOnError((error) -> end.ended(
					(error instanceof TimeoutException) ? InstanceHealth.Outcome.SLOW : InstanceHealth.Outcome.FAILURE))
			.doOnCancel(() -> end.ended(InstanceHealth.Outcome.BUSY));
	}

	private static InstanceHealth.Outcome outcome(ServerWebExchange exchange, InstanceHealth health, long started) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		int code = (status != null) ? status.value() : 0;
		if (code == 503 && exchange.getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)) {
			return InstanceHealth.Outcome.BUSY;
		}
		if (code == 502 || code == 503) {
			return InstanceHealth.Outcome.FAILURE;
		}
		if (code == 504) {
			return InstanceHealth.Outcome.SLOW;
		}
		return (System.nanoTime() - started > health.slowCallNanos()) ? InstanceHealth.Outcome.SLOW
				: InstanceHealth.Outcome.SUCCESS;
	}

	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
	}

	/** Ends a call once, however it ends: answered, failed or abandoned by its client. */
	private final class CallEnd {

		private final String service;

		private final InstanceHealth health;

		private boolean ended;

		CallEnd(String service, InstanceHealth health) {
			this.service = service;
			this.health = health;
		}

		synchronized void ended(InstanceHealth.Outcome outcome) {
			if (this.ended) {
				return;
			}
			this.ended = true;
			UpstreamCallFilter.this.upstreams.release(this.service);
			UpstreamCallFilter.this.upstreams.callEnded(this.health, outcome);
		}

	}

}
