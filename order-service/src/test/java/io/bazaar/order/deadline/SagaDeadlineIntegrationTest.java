package io.bazaar.order.deadline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderPlatform;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An order whose participant never answers is driven again once, then cancelled as
 * timed-out; one that gets its answer after being driven again carries on. Deadlines are
 * seconds here instead of the production defaults.
 */
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF, "orders.deadlines.awaiting-stock=PT3S",
		"orders.deadlines.awaiting-payment=PT1M", "orders.deadlines.sweep-interval=PT0.5S" })
class SagaDeadlineIntegrationTest {

	private static final OrderPlatform platform = OrderPlatform.start("deadline", true);

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DeadlineSweeper sweeper;

	@Autowired
	private MeterRegistry meters;

	private final String token = platform.tokens().customer(UUID.randomUUID());

	private OrderApi api;

	@DynamicPropertySource
	static void platformProperties(DynamicPropertyRegistry registry) {
		platform.properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void connectClient() {
		this.api = new OrderApi(this.port);
	}

	@Test
	void placementNeverAnsweredIsPublishedAgainOnceThenCancelledAsTimedOut() {
		UUID product = product("21.00");
		platform.inventory().losePlacementsOf(product, Integer.MAX_VALUE);
		double cancelledBefore = interventions("cancel");

		UUID orderId = this.api.place(this.token, OrderApi.order(product, 1)).id();

		eventually().until(() -> "CANCELLED".equals(status(orderId)));
		eventually().until(() -> platform.kafka().types(platform.orderEvents(), orderId).contains("OrderCancelled"));
		assertThat(this.jdbc.queryForObject("SELECT cancel_reason FROM customer_order WHERE id = ?", String.class,
				orderId))
			.isEqualTo("timed-out");
		assertThat(history(orderId)).containsExactly("PENDING", "CANCELLED timed-out");
		assertThat(platform.inventory().lostPlacements(orderId)).isEqualTo(2);
		List<JsonNode> published = platform.kafka().events(platform.orderEvents(), orderId);
		assertThat(published).extracting((event) -> event.path("type").asString())
			.containsExactly("OrderPlaced", "OrderPlaced", "OrderCancelled");
		assertThat(published.get(1).path("eventId")).isEqualTo(published.get(0).path("eventId"));
		assertThat(published.get(2).path("reason").asString()).isEqualTo("timed-out");
		assertThat(published.get(2).path("stockReserved").asBoolean()).isTrue();
		assertThat(interventions("cancel")).isGreaterThanOrEqualTo(cancelledBefore + 1);

		this.sweeper.sweep();
		assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "OrderCancelled");
		assertThat(redrives(orderId)).isEqualTo(1);
	}

	@Test
	void placementAnsweredAfterBeingPublishedAgainIsConfirmed() {
		UUID product = product("22.00");
		platform.inventory().losePlacementsOf(product, 1);

		UUID orderId = this.api.place(this.token, OrderApi.order(product, 1)).id();

		eventually().until(() -> "CONFIRMED".equals(status(orderId)));
		assertThat(platform.inventory().lostPlacements(orderId)).isEqualTo(1);
		assertThat(redrives(orderId)).isEqualTo(1);
		assertThat(history(orderId)).containsExactly("PENDING", "STOCK_RESERVED", "CONFIRMED");
		assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "PaymentRequested", "OrderConfirmed");
		eventually().until(() -> "COMMITTED".equals(platform.inventory().reservationState(orderId)));
	}

	@Test
	void sweepersRunningAtOnceInterveneOncePerOrder() throws Exception {
		UUID product = product("23.00");
		platform.inventory().losePlacementsOf(product, Integer.MAX_VALUE);
		List<UUID> orderIds = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			orderIds.add(this.api.place(this.token, OrderApi.order(product, 1)).id());
		}
		AtomicBoolean sweeping = new AtomicBoolean(true);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		List<Future<?>> sweepers = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				sweepers.add(threads.submit(() -> {
					while (sweeping.get()) {
						this.sweeper.sweep();
					}
					return null;
				}));
			}
			eventually().until(() -> orderIds.stream().allMatch((id) -> "CANCELLED".equals(status(id))));
		}
		finally {
			sweeping.set(false);
			threads.shutdown();
			threads.awaitTermination(30, TimeUnit.SECONDS);
		}
		for (Future<?> sweeper : sweepers) {
			sweeper.get();
		}

		for (UUID orderId : orderIds) {
			assertThat(history(orderId)).containsExactly("PENDING", "CANCELLED timed-out");
			assertThat(outboxTypes(orderId)).containsExactly("OrderPlaced", "OrderCancelled");
			assertThat(redrives(orderId)).isEqualTo(1);
			eventually().until(() -> platform.kafka().types(platform.orderEvents(), orderId).size() == 3);
			assertThat(platform.kafka().types(platform.orderEvents(), orderId)).containsExactly("OrderPlaced",
					"OrderPlaced", "OrderCancelled");
		}
	}

	private static UUID product(String price) {
		UUID id = platform.catalog().add("Product " + price, price, "EUR");
		platform.inventory().stock(id, 100);
		return id;
	}

	private static ConditionFactory eventually() {
		return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100));
	}

	private String status(UUID orderId) {
		return this.jdbc.queryForObject("SELECT status FROM customer_order WHERE id = ?", String.class, orderId);
	}

	/** The states the order entered, with the reason of a cancellation. */
	private List<String> history(UUID orderId) {
		return this.jdbc.queryForList(
				"SELECT to_status || coalesce(' ' || reason, '') FROM order_status_change WHERE order_id = ? ORDER BY seq",
				String.class, orderId);
	}

	private List<String> outboxTypes(UUID orderId) {
		return this.jdbc.queryForList("SELECT event_type FROM outbox_event WHERE aggregate_id = ? ORDER BY position",
				String.class, orderId.toString());
	}

	private int redrives(UUID orderId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM saga_redrive WHERE order_id = ?", Integer.class, orderId);
	}

	private double interventions(String kind) {
		return this.meters.counter("bazaar.orders.deadline.interventions", "step", "awaiting-stock", "kind", kind)
			.count();
	}

}
