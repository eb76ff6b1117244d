package io.bazaar.order.placement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;

import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderPlatform;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery still lists a catalog-service instance that has gone away (its process
 * crashed; the health check has not noticed yet). Orders are priced by the instance that
 * is up: none is refused, and the circuit stays closed.
 */
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF,
		"orders.catalog.circuit-breaker.sliding-window=4", "orders.catalog.circuit-breaker.minimum-calls=4" })
class CatalogInstanceGoneIntegrationTest {

	private static final OrderPlatform platform = OrderPlatform.start("instance-gone", false);

	private static final int ORDERS = 8;

	@LocalServerPort
	private int port;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@DynamicPropertySource
	static void platformProperties(DynamicPropertyRegistry registry) {
		platform.properties().forEach((name, value) -> registry.add(name, () -> value));
		registry.add("spring.cloud.discovery.client.simple.instances.catalog-service[1].uri",
				() -> "http://127.0.0.1:" + portNobodyListensOn());
	}

	@Test
	void ordersArePricedByTheInstanceThatIsUp() {
		OrderApi api = new OrderApi(this.port);
		String token = platform.tokens().customer(UUID.randomUUID());
		UUID product = platform.catalog().add("Kettle", "42.00", "EUR");
		int catalogCallsBefore = platform.catalog().requests();

		for (int i = 0; i < ORDERS; i++) {
			OrderApi.Response placed = api.place(token, OrderApi.order(product, 1));
			assertThat(placed.status()).as(placed.body().toString()).isEqualTo(201);
		}

		assertThat(platform.catalog().requests() - catalogCallsBefore).isEqualTo(ORDERS);
		assertThat(this.circuitBreakers.circuitBreaker(CatalogClient.CIRCUIT_BREAKER).getState())
			.isEqualTo(CircuitBreaker.State.CLOSED);
	}

	private static int portNobodyListensOn() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
