package io.bazaar.gateway.security;

import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Removes headers a client could use to pose as someone else to a service behind the
 * gateway. Services derive identity from the verified access token only; these headers
 * are removed anyway so that no service, present or future, can be fooled by one.
 */
@Component
class IdentityHeaderStripping implements GlobalFilter, Ordered {

	private static final List<String> PREFIXES = List.of("x-user-", "x-auth-", "x-authenticated-", "x-forwarded-user",
			"x-remote-user", "x-roles", "x-internal-");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		List<String> spoofable = request.getHeaders()
			.headerNames()
			.stream()
			.filter((name) -> isIdentityHeader(name.toLowerCase(Locale.ROOT)))
			.toList();
		if (spoofable.isEmpty()) {
			return chain.filter(exchange);
		}
		ServerHttpRequest cleaned = request.mutate().headers((headers) -> spoofable.forEach(headers::remove)).build();
		return chain.filter(exchange.mutate().request(cleaned).build());
	}

	private static boolean isIdentityHeader(String name) {
		return PREFIXES.stream().anyMatch(name::startsWith);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
