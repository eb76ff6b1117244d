package io.bazaar.order.ordering;

import java.util.Arrays;
import java.util.UUID;

import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderApi.Response;
import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's versioning, its description and its business metrics. */
class OrderApiIntegrationTest extends OrderServiceIntegrationTestBase {

	private final String token = customerToken(UUID.randomUUID());

	@Test
	void versionOneIsTheDefaultAndOtherVersionsAreRefused() {
		Response implicit = this.api.get("/api/orders", this.token);
		Response explicit = this.api.get("/api/orders", this.token, "1");
		Response unsupported = this.api.get("/api/orders", this.token, "2");

		assertThat(implicit.status()).isEqualTo(200);
		assertThat(explicit.status()).isEqualTo(200);
		assertThat(unsupported.status()).isEqualTo(400);
		assertThat(unsupported.isProblem()).isTrue();
		assertThat(unsupported.body().path("type").asString())
			.isEqualTo("https://bazaar.example/problems/unsupported-api-version");
	}

	@Test
	void describesItsApiAsOpenApi() {
		Response docs = this.api.get("/v3/api-docs", null);

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body().path("paths").has("/api/orders")).isTrue();
		assertThat(docs.body().path("paths").has("/api/orders/{id}/cancel")).isTrue();
		assertThat(docs.body()
			.path("paths")
			.path("/api/orders")
			.path("post")
			.path("parameters")
			.findValuesAsString("name")).contains("Idempotency-Key");
	}

	@Test
	void countsPlacedAndCompletedOrders() {
		double placedBefore = metric("orders_placed_total{");
		double confirmedBefore = metric("bazaar_orders_completed_total{", "outcome=\"confirmed\"");
		UUID orderId = this.api.place(this.token, OrderApi.order(product("2.00", 3), 1)).id();
		awaitStatus(orderId, "CONFIRMED");

		eventually().until(() -> metric("bazaar_orders_completed_total{", "outcome=\"confirmed\"") > confirmedBefore);
		assertThat(metric("orders_placed_total{")).isGreaterThan(placedBefore);
		assertThat(prometheus()).contains("reason=\"none\"");
	}

	private String prometheus() {
		return this.api.get("/actuator/prometheus", null).raw().body();
	}

	/**
	 * Sums the samples of a metric whose line starts with {@code prefix} and contains
	 * {@code label}.
	 */
	private double metric(String prefix, String... labels) {
		return prometheus().lines()
			.filter((line) -> line.startsWith(prefix))
			.filter((line) -> Arrays.stream(labels).allMatch(line::contains))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
