package io.bazaar.order.placement;

import java.time.Duration;
import java.util.UUID;

import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderApi.Response;
import io.bazaar.order.support.OrderPlatform;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When catalog-service fails or is slow, an order cannot be priced: it is refused with
 * 503 and nothing is stored; after repeated failures the circuit opens and the catalog is
 * left alone for a while.
 */
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF, "orders.catalog.read-timeout=PT0.5S",
		"orders.catalog.circuit-breaker.sliding-window=4", "orders.catalog.circuit-breaker.minimum-calls=4",
		"orders.catalog.circuit-breaker.open-for=PT5M" })
class CatalogOutageIntegrationTest {

	private static final OrderPlatform platform = OrderPlatform.start("outage", false);

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	private final UUID customer = UUID.randomUUID();

	private final String token = platform.tokens().customer(this.customer);

	private OrderApi api;

	private UUID product;

	@DynamicPropertySource
	static void platformProperties(DynamicPropertyRegistry registry) {
		platform.properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void catalogAnswers() {
		this.api = new OrderApi(this.port);
		platform.catalog().behaveNormally();
		this.circuitBreakers.circuitBreaker(CatalogClient.CIRCUIT_BREAKER).reset();
		this.product = platform.catalog().add("Lamp", "35.00", "EUR");
	}

	@Test
	void failingCatalogRefusesTheOrderWithoutStoringItAndTheKeyStaysUsable() {
		String key = UUID.randomUUID().toString();
		platform.catalog().failWith(500);

		Response refused = this.api.place(this.token, key, OrderApi.order(this.product, 1));

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.body().path("type").asString())
			.isEqualTo("https://bazaar.example/problems/catalog-unavailable");
		assertThat(refused.header("Retry-After")).isEqualTo("5");
		assertThat(storedForCustomer()).isZero();

		platform.catalog().behaveNormally();
		Response retried = this.api.place(this.token, key, OrderApi.order(this.product, 1));
		assertThat(retried.status()).isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).isEqualTo("false");
	}

	@Test
	void slowCatalogTimesOut() {
		platform.catalog().delay(Duration.ofSeconds(5));

		Response refused = this.api.place(this.token, OrderApi.order(this.product, 1));

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.isProblem()).isTrue();
		assertThat(storedForCustomer()).isZero();
	}

	@Test
	void repeatedFailuresOpenTheCircuitAndTheCatalogIsNoLongerCalled() {
		platform.catalog().failWith(503);
		for (int i = 0; i < 4; i++) {
			assertThat(this.api.place(this.token, OrderApi.order(this.product, 1)).status()).isEqualTo(503);
		}
		int callsWhenOpened = platform.catalog().requests();

		for (int i = 0; i < 5; i++) {
			Response refused = this.api.place(this.token, OrderApi.order(this.product, 1));
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.body().path("type").asString())
				.isEqualTo("https://bazaar.example/problems/catalog-unavailable");
		}

		assertThat(platform.catalog().requests()).isEqualTo(callsWhenOpened);
		assertThat(storedForCustomer()).isZero();
	}

	private int storedForCustomer() {
		return this.jdbc.queryForObject("SELECT count(*) FROM customer_order WHERE user_id = ?", Integer.class,
				this.customer)
				+ this.jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE user_id = ?", Integer.class,
						this.customer);
	}

}
