package io.bazaar.catalog.cache;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.bazaar.catalog.CatalogServiceApplication;
import io.bazaar.catalog.support.CatalogServiceIntegrationTestBase;
import io.bazaar.catalog.support.SqlStatements;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.security.TokenIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cache-aside in front of product detail and the category list, on real Redis and
 * PostgreSQL.
 */
class ProductCacheIntegrationTest extends CatalogServiceIntegrationTestBase {

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private SqlStatements sql;

	@Autowired
	private MeterRegistry meters;

	@Test
	void secondReadIsServedFromRedisWithoutQueryingTheDatabase() {
		String id = newProduct(newCategory(), "9.90", 2).path("id").asString();
		String key = "catalog:product:v1:" + id;
		awaitEvicted(key);

		HttpResponse<String> first = get("/api/products/" + id);
		long readsAfterFirst = this.sql.productReads();
		double hitsBefore = requests("product", "hit");
		HttpResponse<String> second = get("/api/products/" + id);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(this.redis.hasKey(key)).isTrue();
		assertThat(json.readTree(this.redis.opsForValue().get(key)).path("sku").asString())
			.isEqualTo(body(first).path("sku").asString());
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(this.sql.productReads()).isEqualTo(readsAfterFirst);
		assertThat(requests("product", "hit")).isEqualTo(hitsBefore + 1);
	}

	@Test
	void entriesLiveForTheirTtlWithJitter() {
		String id = newProduct(newCategory(), "9.90", 2).path("id").asString();
		String key = "catalog:product:v1:" + id;
		awaitEvicted(key);

		get("/api/products/" + id);

		Long ttl = this.redis.getExpire(key, TimeUnit.SECONDS);
		assertThat(ttl).isBetween(Duration.ofMinutes(9).toSeconds() - 5, Duration.ofMinutes(11).toSeconds());
	}

	@Test
	void readerThatFindsAnotherInstanceLoadingWaitsForItsValueInsteadOfQueryingTheDatabase() throws Exception {
		String id = newProduct(newCategory(), "9.90", 2).path("id").asString();
		String key = "catalog:product:v1:" + id;
		awaitEvicted(key);
		String cached = json
			.writeValueAsString(((ObjectNode) body(get("/api/products/" + id))).put("name", "Loaded elsewhere"));
		this.redis.delete(key);
		// Another instance holds the loading lock of the key.
		this.redis.opsForValue().set(key + ":lock", "another-instance", Duration.ofSeconds(30));
		double missesBefore = requests("product", "miss");
		long readsBefore = this.sql.productReads();
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<HttpResponse<String>> reader = pool.submit(() -> get("/api/products/" + id));
			await().atMost(Duration.ofSeconds(30)).until(() -> requests("product", "miss") > missesBefore);
			this.redis.opsForValue().set(key, cached, Duration.ofMinutes(1));

			HttpResponse<String> response = reader.get(30, TimeUnit.SECONDS);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(body(response).path("name").asString()).isEqualTo("Loaded elsewhere");
			assertThat(this.sql.productReads()).isEqualTo(readsBefore);
		}
		finally {
			pool.shutdownNow();
			this.redis.delete(key + ":lock");
		}
	}

	@Test
	void cacheMetricsArePublishedForPrometheus() {
		String id = newProduct(newCategory(), "9.90", 2).path("id").asString();
		get("/api/products/" + id);
		get("/api/products/" + id);

		String metrics = get("/actuator/prometheus").body();

		assertThat(metrics).contains(
				"catalog_cache_requests_total{application=\"catalog-service\",cache=\"product\",result=\"hit\"}",
				"catalog_cache_requests_total{application=\"catalog-service\",cache=\"product\",result=\"miss\"}",
				"catalog_cache_load_seconds_count{application=\"catalog-service\",cache=\"product\"}",
				"catalog_cache_degraded_total", "catalog_cache_circuit_open");
	}

	@Test
	void aMissingProductIsRememberedBriefly() {
		String id = "00000000-0000-4000-8000-0000000000aa";
		String key = "catalog:product:v1:" + id;

		assertThat(get("/api/products/" + id).statusCode()).isEqualTo(404);
		long readsAfterFirst = this.sql.productReads();
		assertThat(get("/api/products/" + id).statusCode()).isEqualTo(404);

		assertThat(this.sql.productReads()).isEqualTo(readsAfterFirst);
		assertThat(this.redis.opsForValue().get(key)).isEqualTo("null");
		assertThat(this.redis.getExpire(key, TimeUnit.SECONDS)).isBetween(1L, 30L);
	}

	@Test
	void updateEvictsTheCachedProductAfterCommit() {
		String category = newCategory();
		JsonNode created = newProduct(category, "9.90", 2);
		String id = created.path("id").asString();
		get("/api/products/" + id);
		assertThat(this.redis.hasKey("catalog:product:v1:" + id)).isTrue();
		Map<String, Object> change = product(category, "19.90", null);

		assertThat(put("/api/products/" + id, tokens.admin(), "\"0\"", change).statusCode()).isEqualTo(200);

		assertThat(body(get("/api/products/" + id)).path("price").path("amount").decimalValue())
			.isEqualByComparingTo("19.90");
	}

	@Test
	void newCategoryShowsInTheCachedListAtOnce() {
		assertThat(get("/api/categories").statusCode()).isEqualTo(200);
		assertThat(this.redis.hasKey("catalog:categories:v1")).isTrue();

		String slug = newCategory();

		assertThat(body(get("/api/categories")).valueStream().map((category) -> category.path("slug").asString()))
			.contains(slug);
	}

	@Test
	void fiftyConcurrentReadersOfAnExpiredHotKeyCauseOneDatabaseLoad() throws Exception {
		String id = newProduct(newCategory(), "29.00", 5).path("id").asString();
		String key = "catalog:product:v1:" + id;
		awaitEvicted(key);
		get("/api/products/" + id);
		this.redis.expire(key, Duration.ofMillis(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.redis.hasKey(key));
		double loadsBefore = loads("product");
		double missesBefore = requests("product", "miss");
		double errorsBefore = requests("product", "error");
		long readsBefore = this.sql.productReads();
		List<Future<HttpResponse<String>>> readers = new ArrayList<>();

		// Hold the product table so the one load blocks until every reader has missed.
		ExecutorService pool = Executors.newFixedThreadPool(50);
		try (Connection blocker = this.infrastructure.database().connectTo(this.infrastructure.database().name())) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				statement.execute("LOCK TABLE product IN ACCESS EXCLUSIVE MODE");
			}
			for (int i = 0; i < 50; i++) {
				readers.add(pool.submit(() -> get("/api/products/" + id)));
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> requests("product", "miss") + requests("product", "error") >= missesBefore + errorsBefore
						+ 50);
			blocker.rollback();
			for (Future<HttpResponse<String>> reader : readers) {
				assertThat(reader.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(requests("product", "error")).as("Redis errors").isEqualTo(errorsBefore);
		assertThat(loads("product")).isEqualTo(loadsBefore + 1);
		assertThat(this.sql.productReads()).isEqualTo(readsBefore + 1);
		assertThat(this.redis.hasKey(key)).isTrue();
	}

	@Test
	void anUpdateThroughOneInstanceIsSeenByTheNextReadThroughAnother() {
		String category = newCategory();
		JsonNode created = newProduct(category, "15.00", 4);
		String path = "/api/products/" + created.path("id").asString();
		assertThat(body(get(path)).path("price").path("amount").decimalValue()).isEqualByComparingTo("15.00");
		Map<String, Object> change = product(category, "17.25", null);
		change.put("sku", created.path("sku").asString());

		try (ConfigurableApplicationContext other = startSecondInstance()) {
			int otherPort = ((WebServerApplicationContext) other).getWebServer().getPort();
			int ownPort = this.port;
			this.port = otherPort;
			try {
				assertThat(body(get(path)).path("price").path("amount").decimalValue()).isEqualByComparingTo("15.00");
				assertThat(put(path, tokens.admin(), "\"0\"", change).statusCode()).isEqualTo(200);
			}
			finally {
				this.port = ownPort;
			}

			JsonNode seenHere = body(get(path));
			assertThat(seenHere.path("price").path("amount").decimalValue()).isEqualByComparingTo("17.25");
			assertThat(seenHere.path("version").asLong()).isEqualTo(1);
		}
	}

	private ConfigurableApplicationContext startSecondInstance() {
		List<String> args = new ArrayList<>();
		this.infrastructure.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		args.add("--server.port=0");
		args.add("--" + ServiceInfrastructure.CONSUL_OFF);
		args.add("--" + TokenIssuer.DISCOVERY_PROPERTY + "=" + tokens.uri());
		return new SpringApplicationBuilder(CatalogServiceApplication.class).run(args.toArray(String[]::new));
	}

	private void awaitEvicted(String key) {
		// Creating a product evicts its key after commit and again a moment later.
		await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(600)).until(() -> !this.redis.hasKey(key));
	}

	private double requests(String cache, String result) {
		return this.meters.get("catalog.cache.requests").tag("cache", cache).tag("result", result).counter().count();
	}

	private double loads(String cache) {
		return this.meters.get("catalog.cache.load").tag("cache", cache).timer().count();
	}

}
