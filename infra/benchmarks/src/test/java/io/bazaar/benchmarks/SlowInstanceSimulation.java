package io.bazaar.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The slow-instance drill: {@code GET /api/products/{id}} through the gateway at a fixed
 * arrival rate while run.sh stops one catalog-service instance ({@code kill -STOP}) and
 * resumes it. Every request's send time, response time and status go to a file, from
 * which report.py takes the p99 and the failures of each second. With its first request,
 * this writes a file run.sh waits for before it stops the instance.
 */
public class SlowInstanceSimulation extends MeasuredSimulation {

	private static final String SENT_AT = "sentAt";

	private static final String STATUS = "status";

	private final String gateway = BenchmarkSettings.string("gateway", "http://127.0.0.1:8080");

	private final double rate = BenchmarkSettings.number("rate", 100);

	private final Duration duration = BenchmarkSettings.seconds("duration", 35);

	private final ZipfSampler<String> products = new ZipfSampler<>(BenchmarkSettings.lines("productIds"),
			BenchmarkSettings.number("zipfExponent", 1.0));

	private final Path requestsFile = BenchmarkSettings.path("drillRequests");

	private final Path startedFile = BenchmarkSettings.path("drillStarted");

	private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean started = new AtomicBoolean();

	public SlowInstanceSimulation() {
		super("slow-instance");
		// No status().is(200): a 503 or 504 is an answer to record, not a failed check.
		ScenarioBuilder reads = scenario("product reads during the drill").exec(this::send)
			.exec(http("product read").get("/api/products/#{productId}")
				.check(status().saveAs(STATUS), responseTimeInMillis().saveAs(Measurements.RESPONSE_TIME)))
			.exec(this::remember);
		setUp(reads.injectOpen(constantUsersPerSec(this.rate).during(this.duration))
			.protocols(Populations.protocol(this.gateway)));
	}

	private Session send(Session session) {
		long now = System.currentTimeMillis();
		if (this.started.compareAndSet(false, true)) {
			// Gatling takes seconds from before() to its first request
			write(this.startedFile, Long.toString(now));
		}
		return session.set("productId", this.products.next()).set(SENT_AT, now);
	}

	/**
	 * One line per request: sent at (epoch ms), response time (ms), status (0: no
	 * answer).
	 */
	private Session remember(Session session) {
		long sentAt = session.getLong(SENT_AT);
		long responseTime = session.contains(Measurements.RESPONSE_TIME) ? session.getInt(Measurements.RESPONSE_TIME)
				: System.currentTimeMillis() - sentAt;
		int status = session.contains(STATUS) ? session.getInt(STATUS) : 0;
		this.requests.add(String.format(Locale.ROOT, "%d\t%d\t%d", sentAt, responseTime, status));
		return session;
	}

	@Override
	public void after() {
		super.after();
		write(this.requestsFile, String.join("\n", this.requests) + "\n");
	}

	private static void write(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
