package io.bazaar.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * One step of the order-throughput benchmark: orders placed through the gateway at a
 * fixed arrival rate (open model, so a slow answer does not hold the next order back),
 * signed in as accounts taken in turn, one line of a product picked at random, an
 * {@code Idempotency-Key} each. Writes the ids of the orders placed and the epoch
 * milliseconds at which the measured load began and ended: orders.sh reads each order's
 * confirmation time from order-service's history and charges the CPU the processes used
 * within those bounds to this step.
 */
public class OrderThroughputSimulation extends MeasuredSimulation {

	private static final String LABEL = "place order";

	private final String gateway = BenchmarkSettings.string("gateway", "http://127.0.0.1:8080");

	private final double rate = BenchmarkSettings.number("rate", 25);

	private final Duration duration = BenchmarkSettings.seconds("duration", 60);

	private final List<String> productIds = BenchmarkSettings.lines("productIds");

	private final OrderPlacing placing = new OrderPlacing(this.productIds, BenchmarkSettings.lines("accessTokens"));

	private final Path ordersFile = BenchmarkSettings.path("ordersFile");

	private final Path windowFile = BenchmarkSettings.path("windowFile");

	private final ConcurrentLinkedQueue<String> placedOrders = new ConcurrentLinkedQueue<>();

	private volatile long startedAt;

	public OrderThroughputSimulation() {
		super("orders");
		this.measurements.expect(LABEL, this.duration.toSeconds());
		ScenarioBuilder orders = scenario(LABEL).exec(placeOrder())
			.exec((session) -> this.measurements.record(LABEL, session));
		setUp(orders.injectOpen(constantUsersPerSec(this.rate).during(this.duration))
			.protocols(Populations.protocol(this.gateway)));
	}

	private ChainBuilder placeOrder() {
		return this.placing.placeOrder(LABEL).exec(this::rememberOrder);
	}

	private Session rememberOrder(Session session) {
		if (session.contains("orderId")) {
			this.placedOrders.add(session.getString("orderId"));
		}
		return session;
	}

	@Override
	public void before() {
		super.before();
		this.startedAt = System.currentTimeMillis();
	}

	@Override
	public void after() {
		long endedAt = System.currentTimeMillis();
		super.after();
		try {
			Files.write(this.ordersFile, this.placedOrders, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING);
			Files.writeString(this.windowFile, this.startedAt + " " + endedAt + "\n", StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
