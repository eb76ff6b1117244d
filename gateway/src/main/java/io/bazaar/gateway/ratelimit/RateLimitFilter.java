package io.bazaar.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.bazaar.gateway.config.GatewayProperties;
import io.bazaar.gateway.config.GatewayProperties.RateLimitPolicy;
import io.bazaar.gateway.problem.ProblemResponses;
import io.bazaar.runtime.logging.QuietLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Limits request rates per signed-in user, or per client address for anonymous callers
 * and for routes whose policy says so (sign-in, token refresh). Answers {@code 429} with
 * {@code Retry-After}; every limited response carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset}. When Redis cannot answer,
 * requests pass (counted in {@code gateway.ratelimit.unavailable}, and logged at most
 * once every ten seconds): an outage of the limiter must not become an outage of the
 * platform.
 */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered {

	/** The exchange attribute naming the bucket a request is counted against. */
	public static final String BUCKET_ATTRIBUTE = RateLimitFilter.class.getName() + ".bucket";

	/** The response header set once the request's bucket has decided. */
	public static final String LIMIT_HEADER = "RateLimit-Limit";

	/** The route metadata key naming the budget a route is limited by. */
	public static final String POLICY_METADATA_KEY = "rate-limit-policy";

	private static final Logger logger = LoggerFactory.getLogger(RateLimitFilter.class);

	private final GatewayProperties.RateLimits settings;

	private final TokenLeases buckets;

	private final ProblemResponses problems;

	private final RemoteAddressResolver clientAddress;

	private final Counter limiterUnavailable;

	private final QuietLog unavailableLog = new QuietLog(logger, Duration.ofSeconds(10),
			"Rate limiter unavailable, let {} request(s) through unlimited: {}");

	RateLimitFilter(GatewayProperties properties, TokenLeases buckets, ProblemResponses problems,
			MeterRegistry meters) {
		this.settings = properties.rateLimits();
		this.buckets = buckets;
		this.problems = problems;
		this.clientAddress = clientAddressResolver(properties.trustedProxies());
		this.limiterUnavailable = Counter.builder("gateway.ratelimit.unavailable")
			.description("Requests let through because the rate limiter could not reach Redis")
			.register(meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!this.settings.enabled()) {
			return chain.filter(exchange);
		}
		String policyName = policyName(exchange);
		RateLimitPolicy policy = this.settings.policy(policyName);
		return bucketKey(exchange, policyName, policy)
			.doOnNext((key) -> exchange.getAttributes().put(BUCKET_ATTRIBUTE, key))
			.flatMap((key) -> this.buckets.take(key, policy))
			.map(Optional::of)
			.onErrorResume((ex) -> {
				this.limiterUnavailable.increment();
				this.unavailableLog.happened(ex);
				return Mono.just(Optional.empty());
			})
			.flatMap((decision) -> decision.isPresent() ? apply(decision.get(), exchange, chain)
					: chain.filter(exchange));
	}

	private Mono<Void> apply(TokenLeases.Decision decision, ServerWebExchange exchange, GatewayFilterChain chain) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set(LIMIT_HEADER, Long.toString(decision.limit()));
		headers.set("RateLimit-Remaining", Long.toString(decision.remaining()));
		headers.set("RateLimit-Reset", Long.toString(ceilSeconds(decision.untilFull().toMillis())));
		if (decision.allowed()) {
			return chain.filter(exchange);
		}
		long retryAfter = Math.max(1, ceilSeconds(decision.retryAfter().toMillis()));
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		return this.problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
				"Too many requests; retry after " + retryAfter + " s.", Map.of("retryAfterSeconds", retryAfter));
	}

	private Mono<String> bucketKey(ServerWebExchange exchange, String policyName, RateLimitPolicy policy) {
		String prefix = "gateway:ratelimit:v1:" + policyName + ":";
		Mono<String> byAddress = Mono.fromSupplier(() -> prefix + "ip:" + clientAddressOf(exchange));
		if (policy.perClientAddress()) {
			return byAddress;
		}
		return exchange.getPrincipal()
			.map(Principal::getName)
			.map((user) -> prefix + "user:" + user)
			.switchIfEmpty(byAddress);
	}

	private static RemoteAddressResolver clientAddressResolver(int trustedProxies) {
		if (trustedProxies > 0) {
			return XForwardedRemoteAddressResolver.maxTrustedIndex(trustedProxies);
		}
		return new RemoteAddressResolver() {
		};
	}

	private String clientAddressOf(ServerWebExchange exchange) {
		InetSocketAddress address = this.clientAddress.resolve(exchange);
		return (address != null && address.getAddress() != null) ? address.getAddress().getHostAddress() : "unknown";
	}

	private static String policyName(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		Object policy = (route != null) ? route.getMetadata().get(POLICY_METADATA_KEY) : null;
		return (policy != null) ? policy.toString() : "default";
	}

	private static long ceilSeconds(long millis) {
		return (millis + 999) / 1000;
	}

	@Override
	public int getOrder() {
		return -100;
	}

}
