package io.bazaar.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.bazaar.systemtest.drill.Customer;
import io.bazaar.systemtest.drill.DrillReport;
import io.bazaar.systemtest.drill.DrillSettings;
import io.bazaar.systemtest.drill.OrderTraffic;
import io.bazaar.systemtest.drill.PlacedOrder;
import io.bazaar.systemtest.drill.Stock;
import io.bazaar.systemtest.platform.Platform;
import io.bazaar.systemtest.platform.RedisProcess;
import io.bazaar.systemtest.platform.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Failure drills: orders keep arriving through the gateway while a part of the platform
 * crashes or goes away, and once it is back and the platform has settled, every order a
 * client was told about ended (confirmed or cancelled) with its stock taken once, one
 * notification and one e-mail, and nothing else was stored. Clients see at most errors
 * they retry with the same idempotency key, or a clear problem+json refusal. Each drill
 * prints its counts. Kafka and Redis are this platform's own processes, so they can be
 * restarted; {@link DrillSettings} says how long and how hard. The counts of every drill
 * are also written to {@code target/drill-report.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureDrillSystemTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final DrillSettings settings = DrillSettings.fromSystemProperties();

	private static final List<DrillReport> reports = new ArrayList<>();

	private static Platform platform;

	private static int drills;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startPlatform() {
		assumeTrue(RedisProcess.executable().isPresent(),
				"The failure drills stop and restart a Redis of their own: they need redis-server on the PATH");
		platform = Platform.everyService()
			// each drill signs its customers in; the sign-in budget guards against
			// guessing
			.setting("gateway", "gateway.rate-limits.policies.sign-in.capacity", "1000")
			.setting("gateway", "gateway.rate-limits.policies.sign-in.refill-tokens", "1000")
			.ownKafka()
			.ownRedis()
			.start();
		platform.awaitGatewayRoute("/api/categories", Duration.ofSeconds(60));
	}

	@AfterAll
	static void stopPlatform() throws IOException {
		List<String> lines = reports.stream().map(DrillReport::summary).toList();
		lines.forEach((line) -> System.out.println("[drill] " + line));
		if (!lines.isEmpty()) {
			Files.write(Path.of("target", "drill-report.txt"), lines);
		}
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	@Order(1)
	void killOneCatalogInstanceUnderLoad() throws Exception {
		ServiceProcess catalog = platform.instance("catalog-service", 1);
		drill("catalog instance killed", () -> {
			catalog.kill();
			Thread.sleep(settings.catalogOutage().toMillis());
			catalog.start().awaitReady(Duration.ofMinutes(3));
		});
	}

	@Test
	@Order(2)
	void killOrderServiceMidFlowAndRestartIt() throws Exception {
		ServiceProcess orders = platform.instance("order-service", 0);
		drill("order-service killed", () -> {
			orders.kill();
			orders.start().awaitReady(Duration.ofMinutes(3));
		});
	}

	@Test
	@Order(3)
	void stopRedisForAWhile() throws Exception {
		drill("Redis stopped", () -> {
			platform.redis().stop();
			Thread.sleep(settings.redisOutage().toMillis());
			platform.redis().start();
		});
	}

	@Test
	@Order(4)
	void restartTheKafkaBroker() throws Exception {
		drill("Kafka broker restarted", () -> {
			platform.kafka().stop();
			Thread.sleep(settings.kafkaOutage().toMillis());
			platform.kafka().start();
		});
	}

	@Test
	@Order(5)
	void stopNotificationServiceForAMinute() throws Exception {
		ServiceProcess notifications = platform.instance("notification-service", 0);
		drill("notification-service stopped", () -> {
			notifications.stop();
			Thread.sleep(settings.notificationOutage().toMillis());
			notifications.start().awaitReady(Duration.ofMinutes(3));
		});
	}

	/**
	 * Sends orders, runs the failure once the traffic is under way, waits until every
	 * client has its answer and the platform has settled, and checks the outcome.
	 */
	private void drill(String name, Failure failure) throws Exception {
		int index = drills++;
		List<Customer> customers = List.of(signUp(index, 0), signUp(index, 1));
		List<UUID> products = products(index);
		Stock stockBefore = Stock.of(platform.database("catalog-service"), products);
		List<PlacedOrder> placed;
		try (OrderTraffic traffic = new OrderTraffic(platform.gateway(), customers, products, settings.patience())) {
			traffic.start(settings.ordersPerSecond(), settings.traffic());
			Thread.sleep(settings.disruptAfter().toMillis());
			failure.inject();
			placed = traffic.awaitAll();
		}
		DrillReport report = DrillReport.settle(name, platform, customers, placed, stockBefore, settings.patience());
		reports.add(report);
		System.out.println("[drill] " + report.summary());

		assertThat(report.findings()).as(report.summary()).isEmpty();
		assertThat(report.unclearErrors()).as(report.summary()).isZero();
		assertThat(report.accepted()).as(report.summary()).isPositive();
		assertThat(report.accepted() + report.reportedErrors()).as(report.summary()).isEqualTo(report.sent());
	}

	private Customer signUp(int drill, int number) throws Exception {
		String email = "drill-" + drill + "-" + number + "-" + UUID.randomUUID().toString().substring(0, 8)
				+ "@bazaar.example";
		String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse 42\"";
		HttpResponse<String> registered = post("/api/users", credentials + ",\"displayName\":\"Drill\"}");
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		HttpResponse<String> signedIn = post("/api/auth/token", credentials + "}");
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		return new Customer(UUID.fromString(json.readTree(registered.body()).path("id").asString()), email,
				json.readTree(signedIn.body()).path("accessToken").asString());
	}

	/** Products of the demo catalog, a different handful for each drill. */
	private List<UUID> products(int drill) throws Exception {
		HttpResponse<String> page = this.http.send(
				HttpRequest.newBuilder(URI.create(platform.gateway() + "/api/products?size=4&page=" + drill)).build(),
				BodyHandlers.ofString());
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		List<UUID> products = new ArrayList<>();
		for (JsonNode product : json.readTree(page.body()).path("items")) {
			products.add(UUID.fromString(product.path("id").asString()));
		}
		assertThat(products).isNotEmpty();
		return products;
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	private interface Failure {

		/** Injects the failure and returns once the platform has been restored. */
		void inject() throws Exception;

	}

}
