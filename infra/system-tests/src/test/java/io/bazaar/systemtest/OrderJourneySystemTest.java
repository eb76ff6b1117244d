package io.bazaar.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.bazaar.systemtest.metrics.MetricReality;
import io.bazaar.systemtest.platform.Platform;
import io.bazaar.systemtest.platform.PrometheusProcess;
import io.bazaar.systemtest.platform.ServiceProcess;
import io.bazaar.testsupport.HealthReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole platform as users run it (every service its own process, two catalog
 * instances), and a customer's journey through the gateway: sign up, browse, order, and
 * hear about it live (SSE) and by e-mail. On the same platform: every metric the Grafana
 * dashboards and the Prometheus rules (recording rules and alerts) query exists, with the
 * labels they match on, in what the running services really expose on
 * {@code /actuator/prometheus}; and, last, an alert drill: a real Prometheus scraping
 * every instance with the project's rules loaded sees a killed catalog instance as
 * {@code InstanceDown}, pending and then firing within the rule's {@code for:}, and
 * resolved once the instance is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderJourneySystemTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String[] SERVICES = { "user-service", "catalog-service", "order-service",
			"notification-service", "gateway" };

	private static final String NO_PROMETHEUS = "The alert drill runs a real Prometheus: no prometheus on the PATH "
			+ "(Debian's prometheus package; infra/deploy/prometheus/check.sh installs it)";

	private static Platform platform;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startPlatform() throws Exception {
		platform = Platform.everyService().start();
		platform.awaitGatewayRoute("/api/categories", Duration.ofSeconds(60));
		// Freshly started JVMs on a loaded machine can take longer than the gateway's
		// upstream timeout over their first reads: the journey starts once the catalog's
		// search and product reads have answered through the gateway.
		platform.awaitGatewayRoute("/api/products?q=bottle&size=1", Duration.ofSeconds(120));
		HttpRequest search = HttpRequest.newBuilder(URI.create(platform.gateway() + "/api/products?q=bottle&size=1"))
			.build();
		String productId = json.readTree(HttpClient.newHttpClient().send(search, BodyHandlers.ofString()).body())
			.path("items")
			.get(0)
			.path("id")
			.asString();
		platform.awaitGatewayRoute("/api/products/" + productId, Duration.ofSeconds(120));
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	@Order(1)
	void everyInstanceOfEveryServiceIsReadyAndTheGatewayIsHealthy() throws Exception {
		for (String service : SERVICES) {
			assertThat(platform.instances(service)).allMatch(ServiceProcess::isReady);
		}
		assertThat(platform.instances("catalog-service")).hasSize(2);
		assertThat(HealthReport.parse(send(request("/actuator/health", null).GET()).body()).status()).isEqualTo("UP");
	}

	@Test
	@Order(2)
	void aCustomerSignsUpBrowsesOrdersAndIsToldTheOrderIsConfirmedLiveAndByEmail() throws Exception {
		String email = "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@bazaar.example";
		assertThat(send(request("/api/users", null).POST(BodyPublishers
			.ofString("{\"email\":\"" + email + "\",\"password\":\"correct horse 42\",\"displayName\":\"Buyer\"}")))
			.statusCode()).isEqualTo(201);
		String token = body(send(request("/api/auth/token", null)
			.POST(BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"correct horse 42\"}"))))
			.path("accessToken")
			.asString();

		JsonNode found = body(send(request("/api/products?q=bottle&size=5", null).GET()));
		assertThat(found.path("items").size()).as("search on the demo catalog").isPositive();
		String productId = found.path("items").get(0).path("id").asString();
		assertThat(send(request("/api/products/" + productId, null).GET()).statusCode()).isEqualTo(200);

		List<String> pushed = new CopyOnWriteArrayList<>();
		HttpResponse<Stream<String>> stream = this.http
			.sendAsync(request("/api/notifications/stream", token).header("Accept", "text/event-stream")
				.timeout(Duration.ofMinutes(3))
				.GET()
				.build(), BodyHandlers.ofLines())
			.get(20, TimeUnit.SECONDS);
		assertThat(stream.statusCode()).isEqualTo(200);
		Thread reader = new Thread(() -> stream.body().forEach(pushed::add), "notification-stream");
		reader.setDaemon(true);
		reader.start();

		HttpResponse<String> placed = placeOrder(token, productId);
		assertThat(placed.statusCode()).as(placed.body()).isIn(201, 202);
		String orderId = body(placed).path("id").asString();

		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(
					body(send(request("/api/orders/" + orderId, token).GET())).path("status").asString())
				.isEqualTo("CONFIRMED"));

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(pushed).as("pushed to the open stream")
				.anySatisfy((line) -> assertThat(line).startsWith("data:").contains(orderId)));
		assertThat(send(request("/api/notifications", token).GET()).body()).contains(orderId);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(
					() -> assertThat(platform.mailbox().messagesTo(email, orderId)).as("order e-mail").hasSize(1));
		assertThat(platform.mailbox().messagesTo(email, "Welcome")).as("welcome e-mail").hasSize(1);
		stream.body().close();
	}

	@Test
	@Order(3)
	void everyMetricOfTheDashboardsAndRulesIsEmittedWithTheLabelsTheyMatch() throws Exception {
		placeAnOrderAndAwaitItsFinalState();
		MetricReality reality = MetricReality.of(Path.of(System.getProperty("platform.root", "../..")));
		assertThat(reality.selectorCount()).as("selectors found in dashboards and rules").isGreaterThan(40);

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			List<String> problems = reality.problems(scrapeEveryInstance());
			assertThat(problems).as("metrics queried but not emitted as queried").isEmpty();
		});
		System.out.printf("[metric reality] %d selectors of %d expressions found in the scrapes of %d instances%n",
				reality.selectorCount(), reality.expressionCount(),
				Stream.of(SERVICES).mapToInt((service) -> platform.instances(service).size()).sum());
	}

	/**
	 * Runs last: it takes a catalog instance away. The real {@code InstanceDown} rule of
	 * {@code infra/deploy/prometheus/rules}, unchanged, in a Prometheus that scrapes
	 * every few seconds.
	 */
	@Test
	@Order(4)
	void aKilledCatalogInstanceRaisesInstanceDownInPrometheusWhichResolvesOnceItIsBack() {
		if (PrometheusProcess.executable().isEmpty()) {
			System.out.println("[alert drill] skipped: " + NO_PROMETHEUS);
		}
		assumeTrue(PrometheusProcess.executable().isPresent(), NO_PROMETHEUS);
		Path rules = Path.of(System.getProperty("platform.root", "../..")).resolve("infra/deploy/prometheus/rules");
		PrometheusProcess prometheus = platform.startPrometheus(rules, Duration.ofSeconds(5));
		Duration hold = prometheus.holdDuration("InstanceDown");
		assertThat(hold).as("InstanceDown's for:").isPositive();
		int instances = Stream.of(SERVICES).mapToInt((service) -> platform.instances(service).size()).sum();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(prometheus.query("up{job=\"bazaar-services\"}", "instance"))
				.as("every instance scraped")
				.hasSize(instances)
				.allSatisfy((instance, up) -> assertThat(up).as(instance).isEqualTo(1.0)));

		ServiceProcess catalog = platform.instance("catalog-service", 1);
		String target = "127.0.0.1:" + catalog.port();
		assertThat(prometheus.alertState("InstanceDown", "instance", target)).as("before the kill").isEmpty();
		catalog.kill();
		Instant killed = Instant.now();
		Optional<String> raised = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> prometheus.alertState("InstanceDown", "instance", target), Optional::isPresent);
		assertThat(raised).as("held for " + hold + " first").contains("pending");
		// fires once the condition has held for the rule's for:, give or take a scrape
		// and an evaluation
		await().atMost(hold.plusSeconds(45))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> prometheus.alertState("InstanceDown", "instance", target),
					(state) -> state.equals(Optional.of("firing")));
		Duration firedAfter = Duration.between(killed, Instant.now());
		assertThat(firedAfter).as("fired no sooner than its for:").isGreaterThanOrEqualTo(hold);
		System.out.printf("[alert drill] InstanceDown for %s (%s) firing %d s after the kill (for: %d s)%n", target,
				catalog.name(), firedAfter.toSeconds(), hold.toSeconds());

		catalog.start().awaitReady(Duration.ofMinutes(5));
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> prometheus.alertState("InstanceDown", "instance", target), Optional::isEmpty);
		System.out.printf("[alert drill] InstanceDown for %s resolved %d s after the kill%n", target,
				Duration.between(killed, Instant.now()).toSeconds());
	}

	private List<String> scrapeEveryInstance() throws Exception {
		List<String> expositions = new ArrayList<>();
		for (String service : SERVICES) {
			for (ServiceProcess instance : platform.instances(service)) {
				HttpResponse<String> scrape = this.http.send(
						HttpRequest.newBuilder(URI.create(instance.baseUri() + "/actuator/prometheus")).build(),
						BodyHandlers.ofString());
				assertThat(scrape.statusCode()).as(instance.baseUri()).isEqualTo(200);
				expositions.add(scrape.body());
			}
		}
		return expositions;
	}

	private void placeAnOrderAndAwaitItsFinalState() throws Exception {
		String email = "metrics-" + UUID.randomUUID().toString().substring(0, 8) + "@bazaar.example";
		String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse 42\"";
		assertThat(call("POST", "/api/users", null, credentials + ",\"displayName\":\"Metrics\"}").statusCode())
			.isEqualTo(201);
		String token = json.readTree(call("POST", "/api/auth/token", null, credentials + "}").body())
			.path("accessToken")
			.asString();
		JsonNode found = json.readTree(call("GET", "/api/products?q=bottle&size=1", null, null).body());
		String productId = found.path("items").get(0).path("id").asString();
		for (int i = 0; i < 3; i++) {
			assertThat(call("GET", "/api/products/" + productId, null, null).statusCode()).isEqualTo(200);
		}
		HttpResponse<String> placed = placeOrder(token, productId);
		assertThat(placed.statusCode()).as(placed.body()).isIn(201, 202);
		String orderId = json.readTree(placed.body()).path("id").asString();
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> Set.of("CONFIRMED", "CANCELLED")
				.contains(json.readTree(call("GET", "/api/orders/" + orderId, token, null).body())
					.path("status")
					.asString()));
	}

	private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(20))
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

	/**
	 * Places an order of one {@code productId} as a client should: a gateway timeout or
	 * an unavailable answer is retried, at most twice, with the same idempotency key.
	 */
	private HttpResponse<String> placeOrder(String token, String productId) throws Exception {
		HttpRequest placement = request("/api/orders", token).header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(BodyPublishers.ofString("{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}"))
			.build();
		HttpResponse<String> placed = this.http.send(placement, BodyHandlers.ofString());
		for (int retry = 0; retry < 2 && Set.of(503, 504).contains(placed.statusCode()); retry++) {
			Thread.sleep(1000);
			placed = this.http.send(placement, BodyHandlers.ofString());
		}
		return placed;
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(20));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

	private static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

}
