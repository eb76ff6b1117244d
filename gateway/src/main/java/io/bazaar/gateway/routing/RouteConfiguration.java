package io.bazaar.gateway.routing;

import java.util.Map;

import io.bazaar.gateway.ratelimit.RateLimitFilter;
import io.bazaar.gateway.resilience.UpstreamRoutes;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The public API surface: which paths go to which service. Every route goes through
 * discovery ({@code lb://}) to an instance the gateway trusts, within its service's time
 * limit and call limit, failed reads retried on another instance (see
 * {@code io.bazaar.gateway.resilience}).
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	private static final String[] SERVICES = { "user-service", "catalog-service", "order-service",
			"notification-service" };

	/**
	 * The dead letters of each service with Kafka consumers, under
	 * {@code /api/admin/<name>/dead-letters/**}, forwarded as the service's own
	 * {@code /api/admin/dead-letters/**}; the service lets only ADMIN in.
	 */
	private static final Map<String, String> DEAD_LETTERS = Map.of("catalog", "catalog-service", "orders",
			"order-service", "notifications", "notification-service");

	@Bean
	RouteLocator routes(RouteLocatorBuilder builder, ApiDocumentServers apiDocumentServers) {
		RouteLocatorBuilder.Builder routes = builder.routes()
			.route("user-sign-in",
					(route) -> route.path("/api/auth/token")
						.metadata(RateLimitFilter.POLICY_METADATA_KEY, "sign-in")
						.uri("lb://user-service"))
			.route("user-token-refresh",
					(route) -> route.path("/api/auth/refresh")
						.metadata(RateLimitFilter.POLICY_METADATA_KEY, "token-refresh")
						.uri("lb://user-service"))
			.route("user-service",
					(route) -> route.path("/api/users", "/api/users/**", "/api/auth/**", "/.well-known/jwks.json")
						.uri("lb://user-service"))
			.route("catalog-service",
					(route) -> route.path("/api/products", "/api/products/**", "/api/categories", "/api/categories/**")
						.uri("lb://catalog-service"))
			.route("order-service", (route) -> route.path("/api/orders", "/api/orders/**").uri("lb://order-service"))
			// A live stream stays open for as long as the client listens: no time limit,
			// no retry, and it does not count against the service's call limit.
			.route("notification-stream",
					(route) -> route.path("/api/notifications/stream")
						.metadata(UpstreamRoutes.RESILIENT_METADATA_KEY, false)
						.uri("lb://notification-service"))
			.route("notification-service", (route) -> route.path("/api/notifications", "/api/notifications/**")
				.uri("lb://notification-service"));
		DEAD_LETTERS.forEach((name, service) -> adminRoute(routes, service + "-dead-letters",
				"/api/admin/" + name + "/dead-letters", "/api/admin/dead-letters", service));
		adminRoute(routes, "notification-deliveries-admin", "/api/admin/notifications/deliveries",
				"/api/admin/deliveries", "notification-service");
		// Stock levels, adjustments and reservations, for administrators (the catalog
		// lets ADMIN and, for reads and reservations, the SERVICE role in).
		adminRoute(routes, "catalog-inventory-admin", "/api/admin/catalog/inventory", "/api/inventory",
				"catalog-service");
		for (String service : SERVICES) {
			routes.route(service + "-api-docs",
					(route) -> route.path("/v3/api-docs/" + service)
						.filters((filters) -> filters.setPath("/v3/api-docs")
							.modifyResponseBody(byte[].class, byte[].class, apiDocumentServers))
						.uri("lb://" + service));
		}
		return routes.build();
	}

	/**
	 * Routes {@code path} and everything below it to {@code service} under
	 * {@code servicePath}. Which role may call it is the service's decision.
	 */
	private static void adminRoute(RouteLocatorBuilder.Builder routes, String id, String path, String servicePath,
			String service) {
		routes.route(id,
				(route) -> route.path(path, path + "/**")
					.filters((filters) -> filters.rewritePath(path + "(?<rest>.*)", servicePath + "${rest}"))
					.uri("lb://" + service));
	}

}
