package io.bazaar.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With Redis unreachable, the rate limiter lets requests through and counts them. */
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF, "spring.data.redis.port=1",
		"spring.data.redis.timeout=200ms" })
class RateLimiterOutageIntegrationTest {

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
	void requestsPassUnlimitedWhileRedisIsDown() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/products")).build(),
					BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("RateLimit-Remaining")).isEmpty();
		assertThat(this.meters.counter("gateway.ratelimit.unavailable").count()).isPositive();
	}

}
