package io.bazaar.gateway.loadbalancing;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class BalancedRouteFilterTest {

	@Test
	void keepsThePathAndQueryAsSentStillEncoded() {
		URI url = URI.create("lb://catalog-service/api/products/a%2Fb?q=red%20shoes&page=2");

		URI resolved = BalancedRouteFilter.instanceUrl(instance("10.0.0.7", 8082, false), null, url);

		assertThat(resolved).hasToString("http://10.0.0.7:8082/api/products/a%2Fb?q=red%20shoes&page=2");
	}

	@Test
	void takesTheSchemeFromTheInstanceOrFromTheRoute() {
		URI url = URI.create("lb://catalog-service/api/products");

		assertThat(BalancedRouteFilter.instanceUrl(instance("shop.internal", 8443, true), null, url))
			.hasToString("https://shop.internal:8443/api/products");
		assertThat(BalancedRouteFilter.instanceUrl(instance("shop.internal", 8084, false), "ws",
				URI.create("ws://notification-service/api/notifications/stream")))
			.hasToString("ws://shop.internal:8084/api/notifications/stream");
	}

	@Test
	void bracketsAnIpv6Host() {
		URI resolved = BalancedRouteFilter.instanceUrl(instance("fd00::7", 8082, false), null,
				URI.create("lb://catalog-service/api/categories"));

		assertThat(resolved.getHost()).isEqualTo("[fd00::7]");
		assertThat(resolved.getPort()).isEqualTo(8082);
		assertThat(resolved.getPath()).isEqualTo("/api/categories");
	}

	private static DefaultServiceInstance instance(String host, int port, boolean secure) {
		return new DefaultServiceInstance("catalog-service-1", "catalog-service", host, port, secure);
	}

}
