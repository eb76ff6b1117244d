package io.bazaar.gateway.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Removes headers a client could use to pose as someone else to a service behind the
 * gateway. Services derive identity from the verified access token only; these headers
 * are removed anyway so that no service, present or future, can be fooled by one. They
 * are removed from the proxied request's headers as they are built, after the hop-by-hop
 * headers filter has copied them.
 */
@Component
class IdentityHeaderStripping implements HttpHeadersFilter, Ordered {

	private static final List<String> PREFIXES = List.of("x-user-", "x-auth-", "x-authenticated-", "x-forwarded-user",
			"x-remote-user", "x-roles", "x-internal-");

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		List<String> spoofable = null;
		for (String name : input.headerNames()) {
			if (isIdentityHeader(name)) {
				spoofable = (spoofable != null) ? spoofable : new ArrayList<>();
				spoofable.add(name);
			}
		}
		if (spoofable != null) {
			spoofable.forEach(input::remove);
		}
		return input;
	}

	private static boolean isIdentityHeader(String name) {
		for (String prefix : PREFIXES) {
			if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
