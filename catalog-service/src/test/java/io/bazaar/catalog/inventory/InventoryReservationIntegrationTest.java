package io.bazaar.catalog.inventory;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.bazaar.catalog.support.CatalogServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservations for the order saga: all or nothing, idempotent per order, never
 * overselling.
 */
class InventoryReservationIntegrationTest extends CatalogServiceIntegrationTestBase {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void hundredConcurrentReservationsOfTheLastTenUnitsLetExactlyTenSucceed() throws Exception {
		String productId = newProduct(newCategory(), "49.00", 50).path("id").asString();
		assertThat(reserve(UUID.randomUUID(), Map.of(productId, 40)).statusCode()).isEqualTo(201);
		ExecutorService pool = Executors.newFixedThreadPool(100);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> attempts = new ArrayList<>();
		try {
			for (int i = 0; i < 100; i++) {
				attempts.add(pool.submit(() -> {
					start.await();
					return reserve(UUID.randomUUID(), Map.of(productId, 1));
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<HttpResponse<String>> attempt : attempts) {
				statuses.add(attempt.get(120, TimeUnit.SECONDS).statusCode());
			}

			assertThat(statuses).filteredOn((status) -> status == 201).hasSize(10);
			assertThat(statuses).filteredOn((status) -> status == 409).hasSize(90);
		}
		finally {
			pool.shutdownNow();
		}
		JsonNode stock = stock(productId);
		assertThat(stock.path("onHand").asInt()).isEqualTo(50);
		assertThat(stock.path("reserved").asInt()).isEqualTo(50);
		assertThat(stock.path("available").asInt()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM inventory WHERE on_hand - reserved < 0 OR on_hand < 0")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("""
				SELECT coalesce(sum(l.quantity), 0) FROM reservation_line l JOIN reservation r USING (order_id)
				WHERE l.product_id = :id AND r.status = 'RESERVED'""")
			.param("id", UUID.fromString(productId))
			.query(Long.class)
			.single()).isEqualTo(50);
	}

	@Test
	void reservationIsAllOrNothingAndNamesTheProductsShort() {
		String category = newCategory();
		String plenty = newProduct(category, "5.00", 100).path("id").asString();
		String scarce = newProduct(category, "5.00", 2).path("id").asString();

		HttpResponse<String> refused = reserve(UUID.randomUUID(), Map.of(plenty, 10, scarce, 3));

		assertThat(refused.statusCode()).isEqualTo(409);
		JsonNode problem = body(refused);
		assertThat(problem.path("type").asString()).isEqualTo("https://bazaar.example/problems/insufficient-stock");
		assertThat(problem.path("products").valueStream().map((line) -> line.path("productId").asString()))
			.containsExactly(scarce);
		assertThat(problem.path("products").get(0).path("available").asInt()).isEqualTo(2);
		assertThat(stock(plenty).path("reserved").asInt()).isZero();
		assertThat(stock(scarce).path("reserved").asInt()).isZero();
	}

	@Test
	void repeatingAReservationForTheSameOrderReservesOnce() {
		String productId = newProduct(newCategory(), "5.00", 10).path("id").asString();
		UUID orderId = UUID.randomUUID();

		HttpResponse<String> first = reserve(orderId, Map.of(productId, 4));
		HttpResponse<String> again = reserve(orderId, Map.of(productId, 4));
		HttpResponse<String> different = reserve(orderId, Map.of(productId, 5));

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(first.headers().firstValue("Location")).hasValue("/api/inventory/reservations/" + orderId);
		assertThat(body(first).path("status").asString()).isEqualTo("RESERVED");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(body(again).path("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(different.statusCode()).isEqualTo(409);
		assertThat(body(different).path("type").asString())
			.isEqualTo("https://bazaar.example/problems/reservation-mismatch");
		assertThat(stock(productId).path("reserved").asInt()).isEqualTo(4);
	}

	@Test
	void releasingGivesTheUnitsBackOnceAndIsIdempotent() {
		String productId = newProduct(newCategory(), "5.00", 10).path("id").asString();
		UUID orderId = UUID.randomUUID();
		reserve(orderId, Map.of(productId, 6));

		assertThat(delete("/api/inventory/reservations/" + orderId, tokens.service()).statusCode()).isEqualTo(204);
		assertThat(delete("/api/inventory/reservations/" + orderId, tokens.service()).statusCode()).isEqualTo(204);
		assertThat(delete("/api/inventory/reservations/" + UUID.randomUUID(), tokens.service()).statusCode())
			.isEqualTo(204);

		assertThat(stock(productId).path("reserved").asInt()).isZero();
		assertThat(stock(productId).path("onHand").asInt()).isEqualTo(10);
		assertThat(body(getWithToken("/api/inventory/reservations/" + orderId, tokens.service())).path("status")
			.asString()).isEqualTo("RELEASED");
		HttpResponse<String> commitAfterRelease = post("/api/inventory/reservations/" + orderId + "/commit",
				tokens.service(), "");
		assertThat(commitAfterRelease.statusCode()).isEqualTo(409);
	}

	@Test
	void committingTurnsReservedUnitsIntoSoldOnesOnce() {
		String productId = newProduct(newCategory(), "5.00", 10).path("id").asString();
		UUID orderId = UUID.randomUUID();
		reserve(orderId, Map.of(productId, 3));

		HttpResponse<String> committed = post("/api/inventory/reservations/" + orderId + "/commit", tokens.service(),
				"");
		HttpResponse<String> again = post("/api/inventory/reservations/" + orderId + "/commit", tokens.service(), "");

		assertThat(committed.statusCode()).isEqualTo(200);
		assertThat(body(committed).path("status").asString()).isEqualTo("COMMITTED");
		assertThat(again.statusCode()).isEqualTo(200);
		JsonNode stock = stock(productId);
		assertThat(stock.path("onHand").asInt()).isEqualTo(7);
		assertThat(stock.path("reserved").asInt()).isZero();
		assertThat(delete("/api/inventory/reservations/" + orderId, tokens.service()).statusCode()).isEqualTo(409);
		assertThat(
				post("/api/inventory/reservations/" + UUID.randomUUID() + "/commit", tokens.service(), "").statusCode())
			.isEqualTo(404);
	}

	@Test
	void unknownProductsAreNamed() {
		UUID unknown = UUID.randomUUID();

		HttpResponse<String> refused = reserve(UUID.randomUUID(), Map.of(unknown.toString(), 1));

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(body(refused).path("productIds").get(0).asString()).isEqualTo(unknown.toString());
	}

	@Test
	void adminAdjustsStockButNeverBelowTheReservedUnits() {
		String productId = newProduct(newCategory(), "5.00", 10).path("id").asString();
		reserve(UUID.randomUUID(), Map.of(productId, 8));
		String path = "/api/inventory/" + productId + "/adjustments";

		HttpResponse<String> received = post(path, tokens.admin(), Map.of("delta", 5, "reason", "delivery"));
		HttpResponse<String> tooMuch = post(path, tokens.admin(), Map.of("delta", -8));
		HttpResponse<String> byService = post(path, tokens.service(), Map.of("delta", 1));

		assertThat(received.statusCode()).isEqualTo(200);
		assertThat(body(received).path("onHand").asInt()).isEqualTo(15);
		assertThat(tooMuch.statusCode()).isEqualTo(409);
		assertThat(body(tooMuch).path("type").asString())
			.isEqualTo("https://bazaar.example/problems/stock-below-reserved");
		assertThat(byService.statusCode()).isEqualTo(403);
		assertThat(stock(productId).path("onHand").asInt()).isEqualTo(15);
	}

	@Test
	void productWithReservedUnitsCannotBeDeleted() {
		String productId = newProduct(newCategory(), "5.00", 10).path("id").asString();
		reserve(UUID.randomUUID(), Map.of(productId, 1));

		HttpResponse<String> refused = delete("/api/products/" + productId, tokens.admin());

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(body(refused).path("type").asString()).isEqualTo("https://bazaar.example/problems/product-reserved");
	}

	@Test
	void onlyAdminsAndServicesMayReserve() {
		String productId = newProduct(newCategory(), "5.00", 10).path("id").asString();
		Map<String, Object> request = Map.of("orderId", UUID.randomUUID(), "items",
				List.of(Map.of("productId", productId, "quantity", 1)));

		assertThat(post("/api/inventory/reservations", tokens.customer(), request).statusCode()).isEqualTo(403);
		assertThat(post("/api/inventory/reservations", null, request).statusCode()).isEqualTo(401);
		assertThat(post("/api/inventory/reservations", tokens.admin(), request).statusCode()).isEqualTo(201);
		assertThat(getWithToken("/api/inventory/" + productId, tokens.customer()).statusCode()).isEqualTo(403);
	}

	@Test
	void invalidReservationsAreValidationProblems() {
		HttpResponse<String> noItems = post("/api/inventory/reservations", tokens.service(),
				Map.of("orderId", UUID.randomUUID(), "items", List.of()));
		HttpResponse<String> zeroQuantity = post("/api/inventory/reservations", tokens.service(), Map.of("orderId",
				UUID.randomUUID(), "items", List.of(Map.of("productId", UUID.randomUUID(), "quantity", 0))));

		assertThat(noItems.statusCode()).isEqualTo(400);
		assertThat(body(noItems).path("errors").get(0).path("field").asString()).isEqualTo("items");
		assertThat(zeroQuantity.statusCode()).isEqualTo(400);
		assertThat(body(zeroQuantity).path("errors").get(0).path("field").asString()).isEqualTo("items[0].quantity");
	}

	private HttpResponse<String> reserve(UUID orderId, Map<String, Integer> quantities) {
		List<Map<String, Object>> items = new ArrayList<>();
		quantities.forEach((product, quantity) -> items.add(Map.of("productId", product, "quantity", quantity)));
		return post("/api/inventory/reservations", tokens.service(), Map.of("orderId", orderId, "items", items));
	}

	private JsonNode stock(String productId) {
		return body(getWithToken("/api/inventory/" + productId, tokens.service()));
	}

}
