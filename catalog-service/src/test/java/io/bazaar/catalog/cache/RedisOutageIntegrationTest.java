package io.bazaar.catalog.cache;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.bazaar.catalog.CatalogServiceApplication;
import io.bazaar.catalog.support.PrivateRedis;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away never fails a read: the catalog serves from PostgreSQL, counts the
 * degraded reads, stops trying Redis after a few failures, and uses it again once it is
 * back. Runs against a Redis process of its own that it stops and restarts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final PrivateRedis redis = new PrivateRedis();

	private ConfigurableApplicationContext catalog;

	private int port;

	@BeforeAll
	void start() {
		this.redis.start();
		Map<String, Object> settings = ServiceInfrastructure.forService("catalog-service", true).properties();
		settings.put("spring.data.redis.host", "127.0.0.1");
		settings.put("spring.data.redis.port", this.redis.port());
		settings.put("spring.data.redis.database", 0);
		List<String> args = new ArrayList<>();
		settings.forEach((name, value) -> args.add("--" + name + "=" + value));
		args.add("--server.port=0");
		args.add("--" + ServiceInfrastructure.CONSUL_OFF);
		this.catalog = new SpringApplicationBuilder(CatalogServiceApplication.class).run(args.toArray(String[]::new));
		this.port = ((WebServerApplicationContext) this.catalog).getWebServer().getPort();
	}

	@AfterAll
	void stop() {
		if (this.catalog != null) {
			this.catalog.close();
		}
		this.redis.close();
	}

	@Test
	void readsKeepWorkingFromPostgresWhileRedisIsDownAndUseRedisAgainWhenItIsBack() throws Exception {
		String id = json.readTree(get("/api/products?size=1").body()).path("items").get(0).path("id").asString();
		String key = "catalog:product:v1:" + id;
		StringRedisTemplate cache = this.catalog.getBean(StringRedisTemplate.class);
		assertThat(get("/api/products/" + id).statusCode()).isEqualTo(200);
		assertThat(cache.hasKey(key)).isTrue();
		double errorsBefore = counter("catalog.cache.requests", "result", "error");

		this.redis.stop();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			statuses.add(get("/api/products/" + id).statusCode());
			statuses.add(get("/api/categories").statusCode());
		}
		int missing = get("/api/products/00000000-0000-4000-8000-0000000000bb").statusCode();

		assertThat(statuses).hasSize(60).containsOnly(200);
		assertThat(missing).isEqualTo(404);
		assertThat(counter("catalog.cache.degraded", "cache", "product")).isGreaterThanOrEqualTo(31);
		assertThat(counter("catalog.cache.degraded", "cache", "categories")).isGreaterThanOrEqualTo(30);
		// The circuit opened after the first failures: most reads did not even try Redis.
		assertThat(counter("catalog.cache.requests", "result", "error") - errorsBefore).isLessThanOrEqualTo(14);
		assertThat(get("/actuator/prometheus").body()).contains("catalog_cache_degraded_total");

		this.redis.start();

		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.untilAsserted(() -> {
				assertThat(get("/api/products/" + id).statusCode()).isEqualTo(200);
				assertThat(cache.hasKey(key)).isTrue();
			});
	}

	private double counter(String name, String tag, String value) {
		return this.catalog.getBean(MeterRegistry.class)
			.find(name)
			.tag(tag, value)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				BodyHandlers.ofString());
	}

}
