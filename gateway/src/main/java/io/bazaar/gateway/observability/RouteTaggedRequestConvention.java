package io.bazaar.gateway.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Tags {@code http.server.requests} with the id of the route that served the request
 * ({@code route="catalog-service"}, {@code "none"} for the gateway's own endpoints and
 * unmatched paths). Routed requests have no URI pattern ({@code uri="UNKNOWN"}), so
 * without it the gateway's timer could not tell a catalog read from an order placement,
 * and the SLOs measured at the edge (infra/deploy/SLO.md) could not be written. Route ids
 * are a fixed set, so the tag keeps the series count bounded.
 */
@Component
class RouteTaggedRequestConvention extends DefaultServerRequestObservationConvention {

	static final String ROUTE = "route";

	private static final KeyValue NO_ROUTE = KeyValue.of(ROUTE, "none");

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		return super.getLowCardinalityKeyValues(context).and(route(context));
	}

	private static KeyValue route(ServerRequestObservationContext context) {
		Object route = context.getAttributes().get(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route instanceof Route matched) ? KeyValue.of(ROUTE, matched.getId()) : NO_ROUTE;
	}

}
