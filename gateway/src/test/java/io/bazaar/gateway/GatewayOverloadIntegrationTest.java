package io.bazaar.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway working on as many requests as it may answers the excess at once with 503 and
 * {@code Retry-After}, and takes requests again as soon as its load falls.
 */
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF, "gateway.max-concurrent-requests=3",
		"gateway.resilience.timeout=10s" })
class GatewayOverloadIntegrationTest {

	private static final StubService catalog = StubService.start("catalog-service");

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void discoverStub(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.catalog-service[0].uri", catalog::uri);
	}

	@AfterAll
	static void stopStub() {
		catalog.close();
	}

	@Test
	void requestsBeyondTheLimitAreShedAtOnceAndTheGatewayRecoversWhenTheLoadFalls() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			slow.add(http.sendAsync(request("/api/products/slow"), BodyHandlers.ofString()));
		}
		awaitHitsAtLeast(3);

		long started = System.nanoTime();
		HttpResponse<String> shed = http.send(request("/api/products/1"), BodyHandlers.ofString());

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
		assertThat(shed.statusCode()).isEqualTo(503);
		assertThat(shed.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(shed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonMapper.builder().build().readTree(shed.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://bazaar.example/problems/overloaded");
		assertThat(problem.path("status").asInt()).isEqualTo(503);
		assertThat(catalog.hits()).as("a shed request reaches no service").isEqualTo(3);
		assertThat(this.meters.counter("gateway.requests.shed").count()).isEqualTo(1);
		assertThat(http.send(request("/actuator/health/liveness"), BodyHandlers.ofString()).statusCode())
			.as("health checks are never shed")
			.isEqualTo(200);

		for (CompletableFuture<HttpResponse<String>> call : slow) {
			assertThat(call.join().statusCode()).isEqualTo(200);
		}
		assertThat(http.send(request("/api/products/2"), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(this.meters.get("gateway.requests.active").gauge().value()).isZero();
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
	}

	private static void awaitHitsAtLeast(int hits) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (catalog.hits() < hits && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(catalog.hits()).isGreaterThanOrEqualTo(hits);
	}

}
