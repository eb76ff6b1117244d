package io.bazaar.gateway.loadbalancing;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.bazaar.gateway.problem.NoInstanceProblems;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.gateway.config.GatewayLoadBalancerProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves an {@code lb://service} route to the instance its balancer
 * ({@link HealthAwareLoadBalancer}) chooses, in place of Spring Cloud Gateway's own
 * filter, which on every request looks the balancer, its settings and its lifecycle
 * callbacks up in the service's context, copies the request's cookies and rebuilds the
 * URL through a URI builder: about a twentieth of the gateway's CPU per request. Here
 * each service's balancer is looked up once; no lifecycle callbacks are configured (the
 * outcome of every call is judged by {@code resilience.UpstreamCallFilter}). It extends
 * Spring Cloud Gateway's filter only so that the auto-configured one steps aside.
 */
@Component
class BalancedRouteFilter extends ReactiveLoadBalancerClientFilter {

	/** The balancer is not told the request's cookies: nothing here balances on them. */
	private static final MultiValueMap<String, String> NO_COOKIES = CollectionUtils
		.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());

	private final LoadBalancerClientFactory balancers;

	private final boolean use404;

	private final NoInstanceProblems noInstance;

	private final Map<String, ReactorServiceInstanceLoadBalancer> byService = new ConcurrentHashMap<>();

	BalancedRouteFilter(LoadBalancerClientFactory balancers, GatewayLoadBalancerProperties properties,
			NoInstanceProblems noInstance) {
		super(balancers, properties);
		this.balancers = balancers;
		this.use404 = properties.isUse404();
		this.noInstance = noInstance;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		String schemePrefix = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_SCHEME_PREFIX_ATTR);
		if (url == null || !("lb".equals(url.getScheme()) || "lb".equals(schemePrefix))) {
			return chain.filter(exchange);
		}
		ServerWebExchangeUtils.addOriginalRequestUrl(exchange, url);
		String service = url.getHost();
		ReactorServiceInstanceLoadBalancer balancer = balancerOf(service);
		if (balancer == null) {
			return Mono.error(NotFoundException.create(this.use404, "No load balancer for " + service));
		}
		ServerHttpRequest request = exchange.getRequest();
		RequestData call = new RequestData(request.getMethod(), request.getURI(), request.getHeaders(), NO_COOKIES,
				exchange.getAttributes());
		return balancer.choose(new DefaultRequest<>(new RequestDataContext(call))).flatMap((chosen) -> {
			if (!chosen.hasServer()) {
				return this.noInstance.write(exchange, service);
			}
			String scheme = (schemePrefix != null) ? url.getScheme() : null;
			exchange.getAttributes()
				.put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, instanceUrl(chosen.getServer(), scheme, url));
			exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR, chosen);
			return chain.filter(exchange);
		});
	}

	private ReactorServiceInstanceLoadBalancer balancerOf(String service) {
		ReactorServiceInstanceLoadBalancer balancer = this.byService.get(service);
		if (balancer == null) {
			balancer = this.balancers.getInstance(service, ReactorServiceInstanceLoadBalancer.class);
			if (balancer != null) {
				this.byService.putIfAbsent(service, balancer);
			}
		}
		return balancer;
	}

	/**
	 * {@code url} with the instance's scheme, host and port: {@code scheme} when the
	 * route named one after {@code lb:} (as in {@code lb:ws://}), else http or https as
	 * the instance says. Path and query are kept as they were sent, still encoded.
	 */
	static URI instanceUrl(ServiceInstance instance, String scheme, URI url) {
		String host = instance.getHost();
		StringBuilder built = new StringBuilder(64)
			.append((scheme != null) ? scheme : (instance.isSecure() ? "https" : "http"))
			.append("://")
			.append((host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host)
			.append(':')
			.append(instance.getPort());
		if (url.getRawPath() != null) {
			built.append(url.getRawPath());
		}
		if (url.getRawQuery() != null) {
			built.append('?').append(url.getRawQuery());
		}
		return URI.create(built.toString());
	}

}
