package io.bazaar.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.bazaar.gateway.config.GatewayProperties;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.cloud.gateway.filter.factory.rewrite.RewriteFunction;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Rewrites a service's OpenAPI document on its way through the gateway so that its
 * {@code servers} entry names the gateway as the client reached it: a service only knows
 * its own internal address, and "Try it out" in Swagger UI must go through the gateway,
 * not around it.
 */
@Component
class ApiDocumentServers implements RewriteFunction<byte[], byte[]> {

	private final JsonMapper json;

	private final boolean behindProxies;

	ApiDocumentServers(JsonMapper json, GatewayProperties properties) {
		this.json = json;
		this.behindProxies = properties.trustedProxies() > 0;
	}

	@Override
	public Publisher<byte[]> apply(ServerWebExchange exchange, byte[] document) {
		if (document == null || exchange.getResponse().getStatusCode() == null
				|| !exchange.getResponse().getStatusCode().is2xxSuccessful()) {
			return Mono.justOrEmpty(document);
		}
		JsonNode tree = this.json.readTree(document);
		if (!(tree instanceof ObjectNode openApi)) {
			return Mono.just(document);
		}
		openApi.set("servers", this.json.valueToTree(
				List.of(Map.of("url", publicAddress(exchange.getRequest()), "description", "Bazaar gateway"))));
		return Mono.just(this.json.writeValueAsBytes(openApi));
	}

	private String publicAddress(ServerHttpRequest request) {
		URI uri = request.getURI();
		String scheme = uri.getScheme();
		String authority = uri.getRawAuthority();
		if (this.behindProxies) {
			String forwardedProto = request.getHeaders().getFirst("X-Forwarded-Proto");
			String forwardedHost = request.getHeaders().getFirst("X-Forwarded-Host");
			if (forwardedProto != null && forwardedProto.matches("https?")) {
				scheme = forwardedProto;
			}
			if (forwardedHost != null && forwardedHost.matches("[A-Za-z0-9.:\\[\\]-]+")) {
				authority = forwardedHost;
			}
		}
		return scheme + "://" + authority;
	}

}
