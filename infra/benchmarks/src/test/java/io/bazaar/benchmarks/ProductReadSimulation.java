package io.bazaar.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.bazaar.benchmarks.BenchmarkSettings.Target;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * {@code GET /api/products/{id}} at a fixed arrival rate (open model: a slow answer does
 * not slow the arrivals down, so latency is not hidden by coordinated omission) against
 * several servers of the same catalog (directly, through the gateway, through nginx, with
 * the cache off), product ids drawn with Zipf popularity. Each target is warmed up, then
 * the targets take turns for a number of rounds so that all see the same machine load.
 */
public class ProductReadSimulation extends MeasuredSimulation {

	private final List<Target> targets = BenchmarkSettings.targets("targets");

	private final double rate = BenchmarkSettings.number("rate", 200);

	private final Duration warmUp = BenchmarkSettings.seconds("warmUp", 10);

	private final Duration duration = BenchmarkSettings.seconds("duration", 10);

	private final int rounds = BenchmarkSettings.integer("rounds", 2);

	private final ZipfSampler<String> products = new ZipfSampler<>(BenchmarkSettings.lines("productIds"),
			BenchmarkSettings.number("zipfExponent", 1.0));

	public ProductReadSimulation() {
		super("product-read");
		List<PopulationBuilder> phases = new ArrayList<>();
		for (Target target : this.targets) {
			phases.add(phase(target, "warm-up", this.warmUp, false));
		}
		for (int round = 1; round <= this.rounds; round++) {
			for (Target target : this.targets) {
				phases.add(phase(target, "round " + round, this.duration, true));
				this.measurements.expect(target.name(), this.duration.toSeconds());
			}
		}
		setUp(Populations.inSequence(phases));
	}

	private PopulationBuilder phase(Target target, String phase, Duration length, boolean measured) {
		String requestName = measured ? target.name() : target.name() + " (warm-up)";
		ScenarioBuilder scenario = scenario(target.name() + " " + phase)
			.exec((session) -> session.set("productId", this.products.next()))
			.exec(http(requestName).get("/api/products/#{productId}")
				.check(status().is(200), responseTimeInMillis().saveAs(Measurements.RESPONSE_TIME)))
			.exec((session) -> measured ? this.measurements.record(target.name(), session) : session);
		return scenario.injectOpen(constantUsersPerSec(this.rate).during(length))
			.protocols(Populations.protocol(target.baseUrl()));
	}

}
