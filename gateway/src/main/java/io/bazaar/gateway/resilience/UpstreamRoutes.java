package io.bazaar.gateway.resilience;

import java.util.HashSet;
import java.util.Set;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Which routes the gateway's resilience applies to, and what it keeps on an exchange
 * between the retry loop, the balancer and the call.
 */
public final class UpstreamRoutes {

	/**
	 * Route metadata key: {@code false} exempts a route from time limits, retries and
	 * call limits (a live stream stays open as long as its client listens).
	 */
	public static final String RESILIENT_METADATA_KEY = "resilient";

	/** Exchange attribute: the addresses of the instances this call has been sent to. */
	public static final String TRIED_INSTANCES_ATTRIBUTE = UpstreamRoutes.class.getName() + ".tried";

	static final String DEADLINE_ATTRIBUTE = UpstreamRoutes.class.getName() + ".deadline";

	private UpstreamRoutes() {
	}

	/** The service a resilient route calls, or {@code null}. */
	static String serviceOf(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || !"lb".equals(route.getUri().getScheme())
				|| Boolean.FALSE.equals(route.getMetadata().get(RESILIENT_METADATA_KEY))) {
			return null;
		}
		return route.getUri().getHost();
	}

	@SuppressWarnings("unchecked")
	static Set<String> tried(ServerWebExchange exchange) {
		return (Set<String>) exchange.getAttributes()
			.computeIfAbsent(TRIED_INSTANCES_ATTRIBUTE, (key) -> new HashSet<String>());
	}

}
