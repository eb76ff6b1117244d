package io.bazaar.order.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.order.OrderServiceApplication;
import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderPlatform;
import io.bazaar.testsupport.ServiceInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The instance that accepted an order goes away after committing it and before publishing
 * its event: a fresh instance on the same database publishes the event, once, and the
 * order is confirmed once.
 */
class OutboxRecoveryIntegrationTest {

	private static final OrderPlatform platform = OrderPlatform.start("recovery", true);

	@Test
	void eventCommittedButNotPublishedIsPublishedOnceAfterRestart() {
		ServiceInfrastructure infrastructure = ServiceInfrastructure.forService("order-service", true);
		JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(infrastructure.database().jdbcUrl(),
				infrastructure.database().username(), infrastructure.database().password()));
		UUID product = platform.catalog().add("Kettle", "27.00", "EUR");
		platform.inventory().stock(product, 5);
		UUID customer = UUID.randomUUID();

		UUID orderId;
		ConfigurableApplicationContext first = start(infrastructure, "--platform.outbox.relay-enabled=false");
		try {
			OrderApi.Response placed = new OrderApi(portOf(first)).place(platform.tokens().customer(customer),
					OrderApi.order(product, 1));
			assertThat(placed.status()).isEqualTo(201);
			orderId = placed.id();
		}
		finally {
			first.close();
		}
		assertThat(database.queryForObject(
				"SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND published_at IS NULL", Integer.class,
				orderId.toString()))
			.isOne();
		assertThat(platform.kafka().readAll(platform.orderEvents(), orderId)).isEmpty();

		ConfigurableApplicationContext second = start(infrastructure);
		try {
			await().atMost(Duration.ofMinutes(2))
				.until(() -> "CONFIRMED".equals(database
					.queryForObject("SELECT status FROM customer_order WHERE id = ?", String.class, orderId)));
			await().atMost(Duration.ofMinutes(2))
				.until(() -> platform.kafka().types(platform.orderEvents(), orderId).size() == 2);
		}
		finally {
			second.close();
		}

		assertThat(platform.kafka().types(platform.orderEvents(), orderId)).containsExactly("OrderPlaced",
				"OrderConfirmed");
		assertThat(database.queryForList("SELECT to_status FROM order_status_change WHERE order_id = ? ORDER BY seq",
				String.class, orderId))
			.containsExactly("PENDING", "STOCK_RESERVED", "CONFIRMED");
		assertThat(database.queryForObject("SELECT count(*) FROM customer_order", Integer.class)).isOne();
		await().atMost(Duration.ofMinutes(2)).until(() -> platform.inventory().sold(product) == 1);
	}

	private static ConfigurableApplicationContext start(ServiceInfrastructure infrastructure, String... extra) {
		List<String> args = new ArrayList<>();
		Map<String, Object> properties = infrastructure.properties();
		properties.putAll(platform.properties());
		properties.forEach((key, value) -> args.add("--" + key + "=" + value));
		args.add("--server.port=0");
		args.add("--" + ServiceInfrastructure.CONSUL_OFF);
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(OrderServiceApplication.class).run(args.toArray(String[]::new));
	}

	private static int portOf(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
