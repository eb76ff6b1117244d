package io.bazaar.order.placement;

import java.util.UUID;

import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderPlatform;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog instance restarts between two placements: the connection order-service kept
 * alive to it is closed, and the next lookup, sent on it before order-service can notice,
 * is sent again on a new connection. No placement is refused.
 */
@ServiceIntegrationTest(properties = ServiceInfrastructure.CONSUL_OFF)
class CatalogInstanceRestartIntegrationTest {

	private static final OrderPlatform platform = OrderPlatform.start("instance-restart", false);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void platformProperties(DynamicPropertyRegistry registry) {
		platform.properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void aLookupOnAConnectionTheRestartClosedIsSentAgain() {
		OrderApi api = new OrderApi(this.port);
		String token = platform.tokens().customer(UUID.randomUUID());
		UUID product = platform.catalog().add("Kettle", "42.00", "EUR");
		assertThat(api.place(token, OrderApi.order(product, 1)).status()).isEqualTo(201);
		int lookupsBefore = platform.catalog().requests();

		platform.catalog().restart();
		OrderApi.Response placed = api.place(token, OrderApi.order(product, 2));

		assertThat(placed.status()).as(placed.body().toString()).isEqualTo(201);
		assertThat(platform.catalog().requests() - lookupsBefore).isOne();
	}

}
