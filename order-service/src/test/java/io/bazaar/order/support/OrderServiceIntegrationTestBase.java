package io.bazaar.order.support;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.security.TokenIssuer;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * One running order service, shared by the test classes that extend this one (same
 * configuration, so one cached context), against real PostgreSQL, Redis and Kafka and the
 * {@link OrderPlatform} of its own. Each test uses products, users and orders of its own,
 * so tests never depend on each other's data.
 */
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF })
public abstract class OrderServiceIntegrationTestBase {

	protected static final OrderPlatform platform = OrderPlatform.start("it", true);

	protected static final TokenIssuer tokens = platform.tokens();

	/** The machine is shared with other builds: waits are generous, polls frequent. */
	protected static final Duration PATIENCE = Duration.ofMinutes(2);

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected StringRedisTemplate redis;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	protected OrderApi api;

	@DynamicPropertySource
	static void platformProperties(DynamicPropertyRegistry registry) {
		platform.properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void connectClient() {
		this.api = new OrderApi(this.port);
	}

	protected static ConditionFactory eventually() {
		return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100));
	}

	/** A product in the catalog with {@code units} in stock. */
	protected static UUID product(String price, int units) {
		UUID id = platform.catalog().add("Product " + price, price, "EUR");
		platform.inventory().stock(id, units);
		return id;
	}

	protected static String customerToken(UUID userId) {
		return tokens.customer(userId);
	}

	protected String status(UUID orderId) {
		List<String> status = this.jdbc.queryForList("SELECT status FROM customer_order WHERE id = ?", String.class,
				orderId);
		return status.isEmpty() ? null : status.get(0);
	}

	protected String cancelReason(UUID orderId) {
		return this.jdbc.queryForObject("SELECT cancel_reason FROM customer_order WHERE id = ?", String.class, orderId);
	}

	protected void awaitStatus(UUID orderId, String expected) {
		eventually().until(() -> expected.equals(status(orderId)));
	}

	/** The states the order entered, in order. */
	protected List<String> history(UUID orderId) {
		return this.jdbc.queryForList("SELECT to_status FROM order_status_change WHERE order_id = ? ORDER BY seq",
				String.class, orderId);
	}

	/** The types of the order's events in the outbox, in the order they were written. */
	protected List<String> outboxTypes(UUID orderId) {
		return this.jdbc.queryForList("SELECT event_type FROM outbox_event WHERE aggregate_id = ? ORDER BY position",
				String.class, orderId.toString());
	}

	protected boolean outboxDrained(UUID orderId) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND published_at IS NULL", Integer.class,
				orderId.toString()) == 0;
	}

	/** How often the simulated payment provider was called for the order. */
	protected int providerCalls(UUID orderId) {
		String calls = this.redis.opsForValue().get("payment-sim:calls:" + orderId);
		return (calls != null) ? Integer.parseInt(calls) : 0;
	}

	protected String paymentStatus(UUID orderId) {
		List<String> status = this.jdbc.queryForList("SELECT status FROM payment WHERE order_id = ?", String.class,
				orderId);
		return status.isEmpty() ? null : status.get(0);
	}

	protected MessageListenerContainer paymentWorkers() {
		return this.listeners.getListenerContainer("payment-workers");
	}

}
