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
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Shoppers through the gateway, three open-model populations at once, each at its own
 * fixed arrival rate: browsing product pages (Zipf popularity), searching (terms from
 * product names, Zipf by frequency) and placing orders (signed in, one item of a product
 * picked at random, an {@code Idempotency-Key} per order). The ids of the orders placed
 * while measuring are written to a file: run.sh reads when each was confirmed from
 * order-service's history.
 */
public class ShopperSimulation extends MeasuredSimulation {

	private final String gateway = BenchmarkSettings.string("gateway", "http://127.0.0.1:8080");

	private final double browseRate = BenchmarkSettings.number("browseRate", 100);

	private final double searchRate = BenchmarkSettings.number("searchRate", 20);

	private final double orderRate = BenchmarkSettings.number("orderRate", 10);

	private final Duration warmUp = BenchmarkSettings.seconds("warmUp", 10);

	private final Duration duration = BenchmarkSettings.seconds("duration", 30);

	private final List<String> productIds = BenchmarkSettings.lines("productIds");

	private final ZipfSampler<String> popularProducts = new ZipfSampler<>(this.productIds,
			BenchmarkSettings.number("zipfExponent", 1.0));

	private final ZipfSampler<String> searchTerms = new ZipfSampler<>(BenchmarkSettings.lines("searchTerms"),
			BenchmarkSettings.number("zipfExponent", 1.0));

	private final OrderPlacing placing = new OrderPlacing(this.productIds, BenchmarkSettings.lines("accessTokens"));

	private final ConcurrentLinkedQueue<String> placedOrders = new ConcurrentLinkedQueue<>();

	private final Path ordersFile = BenchmarkSettings.path("ordersFile");

	public ShopperSimulation() {
		super("shoppers");
		setUp(population("browse", this.browseRate, browse()), population("search", this.searchRate, search()),
				population("place order", this.orderRate, placeOrder()));
	}

	private PopulationBuilder population(String name, double rate, ChainBuilder measuredRequest) {
		this.measurements.expect(name, this.duration.toSeconds());
		ScenarioBuilder warmUp = scenario(name + " (warm-up)").exec(measuredRequest);
		ScenarioBuilder measured = scenario(name).exec((session) -> session.set("measured", true))
			.exec(measuredRequest)
			.exec((session) -> this.measurements.record(name, session));
		// A protocol applies to the population it is given to, not to those that follow
		// it.
		HttpProtocolBuilder protocol = Populations.protocol(this.gateway);
		return warmUp.injectOpen(constantUsersPerSec(rate).during(this.warmUp))
			.protocols(protocol)
			.andThen(measured.injectOpen(constantUsersPerSec(rate).during(this.duration)).protocols(protocol));
	}

	private ChainBuilder browse() {
		return exec((session) -> session.set("productId", this.popularProducts.next()))
			.exec(http("browse").get("/api/products/#{productId}")
				.check(status().is(200), responseTimeInMillis().saveAs(Measurements.RESPONSE_TIME)));
	}

	private ChainBuilder search() {
		return exec((session) -> session.set("term", this.searchTerms.next())).exec(http("search").get("/api/products")
			.queryParam("q", "#{term}")
			.queryParam("size", 20)
			.check(status().is(200), responseTimeInMillis().saveAs(Measurements.RESPONSE_TIME)));
	}

	private ChainBuilder placeOrder() {
		return this.placing.placeOrder("place order").exec(this::rememberOrder);
	}

	private Session rememberOrder(Session session) {
		if (session.contains("measured") && session.contains("orderId")) {
			this.placedOrders.add(session.getString("orderId"));
		}
		return session;
	}

	@Override
	public void after() {
		super.after();
		try {
			Files.write(this.ordersFile, this.placedOrders, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
