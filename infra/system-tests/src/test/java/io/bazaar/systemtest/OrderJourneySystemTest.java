package io.bazaar.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.bazaar.systemtest.platform.Platform;
import io.bazaar.systemtest.platform.ServiceProcess;
import io.bazaar.testsupport.HealthReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform as users run it (every service its own process, two catalog
 * instances), and a customer's journey through the gateway: sign up, browse, order, and
 * hear about it live (SSE) and by e-mail.
 */
class OrderJourneySystemTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static Platform platform;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startPlatform() {
		platform = Platform.builder()
			.service("user-service")
			.service("catalog-service", 2)
			.service("order-service")
			.service("notification-service")
			.service("gateway")
			.start();
		platform.awaitGatewayRoute("/api/categories", Duration.ofSeconds(60));
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void everyInstanceOfEveryServiceIsReadyAndTheGatewayIsHealthy() throws Exception {
		for (String service : new String[] { "user-service", "catalog-service", "order-service", "notification-service",
				"gateway" }) {
			assertThat(platform.instances(service)).allMatch(ServiceProcess::isReady);
		}
		assertThat(platform.instances("catalog-service")).hasSize(2);
		assertThat(HealthReport.parse(send(request("/actuator/health", null).GET()).body()).status()).isEqualTo("UP");
	}

	@Test
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

		HttpResponse<String> placed = send(request("/api/orders", token)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(BodyPublishers.ofString("{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}")));
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
