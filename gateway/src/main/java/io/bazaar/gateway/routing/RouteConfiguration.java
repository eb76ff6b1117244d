package io.bazaar.gateway.routing;

import java.time.Duration;

import io.bazaar.gateway.ratelimit.RateLimitFilter;

import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.BackoffConfig;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The public API surface: which paths go to which service. Every route goes through
 * discovery ({@code lb://}) to a healthy instance, behind its service's circuit breaker
 * and time limit; idempotent reads are retried with backoff on another instance when one
 * fails to answer.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	private static final String[] SERVICES = { "user-service", "catalog-service", "order-service",
			"notification-service" };

	@Bean
	RouteLocator routes(RouteLocatorBuilder builder) {
		RouteLocatorBuilder.Builder routes = builder.routes()
			.route("user-sign-in",
					(route) -> route.path("/api/auth/token", "/api/auth/refresh")
						.filters((filters) -> resilient(filters, "user-service"))
						.metadata(RateLimitFilter.POLICY_METADATA_KEY, "sign-in")
						.uri("lb://user-service"))
			.route("user-service",
					(route) -> route.path("/api/users", "/api/users/**", "/api/auth/**", "/.well-known/jwks.json")
						.filters((filters) -> resilient(filters, "user-service"))
						.uri("lb://user-service"))
			.route("catalog-service",
					(route) -> route.path("/api/products", "/api/products/**", "/api/categories", "/api/categories/**")
						.filters((filters) -> resilient(filters, "catalog-service"))
						.uri("lb://catalog-service"))
			.route("order-service",
					(route) -> route.path("/api/orders", "/api/orders/**")
						.filters((filters) -> resilient(filters, "order-service"))
						.uri("lb://order-service"))
			// A live stream stays open for as long as the client listens: no time limit,
			// no retry.
			.route("notification-stream",
					(route) -> route.path("/api/notifications/stream").uri("lb://notification-service"))
			.route("notification-service",
					(route) -> route.path("/api/notifications", "/api/notifications/**")
						.filters((filters) -> resilient(filters, "notification-service"))
						.uri("lb://notification-service"));
		for (String service : SERVICES) {
			routes.route(service + "-api-docs",
					(route) -> route.path("/v3/api-docs/" + service)
						.filters((filters) -> resilient(filters.setPath("/v3/api-docs"), service))
						.uri("lb://" + service));
		}
		return routes.build();
	}

	private static GatewayFilterSpec resilient(GatewayFilterSpec filters, String service) {
		return filters
			.circuitBreaker((breaker) -> breaker.setName(service)
				.setFallbackUri("forward:/fallback/" + service)
				.addStatusCode("502")
				.addStatusCode("503")
				.addStatusCode("504"))
			.retry((retry) -> retry.setRetries(2)
				.setMethods(HttpMethod.GET, HttpMethod.HEAD)
				.setSeries()
				.setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT)
				.setBackoff(new BackoffConfig(Duration.ofMillis(50), Duration.ofMillis(400), 2, false)));
	}

}
