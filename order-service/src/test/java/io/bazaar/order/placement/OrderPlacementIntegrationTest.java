package io.bazaar.order.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderApi.Response;
import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/orders}: idempotency, validation and authentication. */
class OrderPlacementIntegrationTest extends OrderServiceIntegrationTestBase {

	private static final UUID KNOWN_PRODUCT = product("11.00", 1000);

	private static final UUID DOLLAR_PRODUCT = platform.catalog().add("Priced in dollars", "5.00", "USD");

	/** The dearest price the catalog can hold: two of it overflow a line. */
	private static final UUID DEAREST_PRODUCT = product("9999999999.99", 1000);

	private static final UUID COSTLY_PRODUCT = product("6000000000.00", 1000);

	private static final UUID OTHER_COSTLY_PRODUCT = product("6000000000.00", 1000);

	private final UUID customer = UUID.randomUUID();

	private final String token = customerToken(this.customer);

	private int ordersOfCustomer() {
		return this.jdbc.queryForObject("SELECT count(*) FROM customer_order WHERE user_id = ?", Integer.class,
				this.customer);
	}

	private int outboxOfCustomer() {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM outbox_event WHERE aggregate_id IN (SELECT id::text FROM customer_order WHERE user_id = ?)",
				Integer.class, this.customer);
	}

	@Nested
	class Idempotency {

		@Test
		void sameKeyAndBodyGiveTheSameOrderOnce() {
			String key = UUID.randomUUID().toString();
			String body = OrderApi.order(KNOWN_PRODUCT, 2);

			Response first = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token, key,
					body);
			Response again = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token, key,
					body);

			assertThat(first.status()).isEqualTo(201);
			assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
			assertThat(again.status()).isEqualTo(201);
			assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
			assertThat(again.id()).isEqualTo(first.id());
			assertThat(ordersOfCustomer()).isOne();
			assertThat(outboxTypes(first.id()).stream().filter("OrderPlaced"::equals)).hasSize(1);
		}

		@Test
		void sameBodyWithJsonFormattedDifferentlyIsTheSameRequest() {
			String key = UUID.randomUUID().toString();
			Response first = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token, key,
					OrderApi.order(KNOWN_PRODUCT, 1));

			Response again = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token, key,
					"{ \"items\" : [ { \"quantity\" : 1, \"productId\" : \"" + KNOWN_PRODUCT + "\" } ] }");

			assertThat(again.status()).isEqualTo(201);
			assertThat(again.id()).isEqualTo(first.id());
		}

		@Test
		void sameKeyWithAnotherBodyIsRefused() {
			String key = UUID.randomUUID().toString();
			Response first = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token, key,
					OrderApi.order(KNOWN_PRODUCT, 1));

			Response reused = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token,
					key, OrderApi.order(KNOWN_PRODUCT, 2));

			assertThat(first.status()).isEqualTo(201);
			assertThat(reused.status()).isEqualTo(422);
			assertThat(reused.isProblem()).isTrue();
			assertThat(reused.body().path("type").asString())
				.isEqualTo("https://bazaar.example/problems/idempotency-key-reused");
			assertThat(reused.body().path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");
			assertThat(ordersOfCustomer()).isOne();
		}

		@Test
		void concurrentRequestsWithOneKeyPlaceOneOrder() throws Exception {
			String key = UUID.randomUUID().toString();
			String body = OrderApi.order(KNOWN_PRODUCT, 3);
			ExecutorService clients = Executors.newFixedThreadPool(8);
			try {
				List<Future<Response>> responses = IntStream.range(0, 8)
					.mapToObj((i) -> clients.submit(() -> OrderPlacementIntegrationTest.this.api
						.place(OrderPlacementIntegrationTest.this.token, key, body)))
					.toList();
				List<UUID> ids = new ArrayList<>();
				for (Future<Response> response : responses) {
					assertThat(response.get().status()).isEqualTo(201);
					ids.add(response.get().id());
				}
				assertThat(ids).containsOnly(ids.get(0));
			}
			finally {
				clients.shutdown();
			}
			assertThat(ordersOfCustomer()).isOne();
			assertThat(outboxTypes(this.onlyOrder()).stream().filter("OrderPlaced"::equals)).hasSize(1);
		}

		@Test
		void keysBelongToTheirUser() {
			String key = UUID.randomUUID().toString();
			String body = OrderApi.order(KNOWN_PRODUCT, 1);

			Response mine = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token, key,
					body);
			Response theirs = OrderPlacementIntegrationTest.this.api.place(customerToken(UUID.randomUUID()), key, body);

			assertThat(mine.status()).isEqualTo(201);
			assertThat(theirs.status()).isEqualTo(201);
			assertThat(theirs.id()).isNotEqualTo(mine.id());
		}

		private UUID onlyOrder() {
			return OrderPlacementIntegrationTest.this.jdbc.queryForObject(
					"SELECT id FROM customer_order WHERE user_id = ?", UUID.class,
					OrderPlacementIntegrationTest.this.customer);
		}

	}

	@Nested
	class Pricing {

		@Test
		void everyLineIsPricedFromOneCatalogLookup() {
			UUID book = product("12.50", 10);
			UUID lamp = product("40.00", 10);
			int lookupsBefore = platform.catalog().requests();

			Response placed = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token,
					"{\"items\":[{\"productId\":\"" + book + "\",\"quantity\":2},{\"productId\":\"" + lamp
							+ "\",\"quantity\":1},{\"productId\":\"" + KNOWN_PRODUCT + "\",\"quantity\":3}]}");

			assertThat(placed.status()).isEqualTo(201);
			assertThat(platform.catalog().requests() - lookupsBefore).isOne();
			assertThat(placed.body().path("items").values())
				.extracting((item) -> item.path("unitPrice").path("amount").asString())
				.containsExactly("12.50", "40.00", "11.00");
			assertThat(placed.body().path("total").path("amount").asString()).isEqualTo("98.00");
		}

	}

	@Nested
	class BadInput {

		static Stream<Arguments> invalidBodies() {
			String product = KNOWN_PRODUCT.toString();
			return Stream.of(Arguments.argumentSet("no items", "{\"items\":[]}", 400, "items"),
					Arguments.argumentSet("items missing", "{}", 400, "items"),
					Arguments.argumentSet("quantity 0", OrderApi.order(KNOWN_PRODUCT, 0), 400, "items[0].quantity"),
					Arguments.argumentSet("negative quantity", OrderApi.order(KNOWN_PRODUCT, -2), 400,
							"items[0].quantity"),
					Arguments.argumentSet("quantity above the limit", OrderApi.order(KNOWN_PRODUCT, 101), 400,
							"items[0].quantity"),
					Arguments.argumentSet("huge quantity",
							"{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":99999999999999}]}", 400,
							"items[0].quantity"),
					Arguments.argumentSet("quantity missing", "{\"items\":[{\"productId\":\"" + product + "\"}]}", 400,
							"items[0].quantity"),
					Arguments.argumentSet("product id not a UUID",
							"{\"items\":[{\"productId\":\"shoe\",\"quantity\":1}]}", 400, "items[0].productId"),
					Arguments.argumentSet("product id missing", "{\"items\":[{\"quantity\":1}]}", 400,
							"items[0].productId"),
					Arguments.argumentSet("a product twice",
							"{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1},{\"productId\":\"" + product
									+ "\",\"quantity\":2}]}",
							400, "items[1].productId"),
					Arguments.argumentSet("too many lines", tooManyLines(), 400, "items"),
					Arguments.argumentSet("a line whose amount overflows", OrderApi.order(DEAREST_PRODUCT, 2), 422,
							"items[0].quantity"),
					Arguments.argumentSet("a line whose amount overflows after a good one",
							"{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1},{\"productId\":\""
									+ DEAREST_PRODUCT + "\",\"quantity\":100}]}",
							422, "items[1].quantity"),
					Arguments.argumentSet("a total that overflows",
							"{\"items\":[{\"productId\":\"" + COSTLY_PRODUCT + "\",\"quantity\":1},{\"productId\":\""
									+ OTHER_COSTLY_PRODUCT + "\",\"quantity\":1}]}",
							422, "items"),
					Arguments.argumentSet("unknown product", OrderApi.order(UUID.randomUUID(), 1), 422,
							"items[0].productId"),
					Arguments.argumentSet("unknown product among known ones", "{\"items\":[{\"productId\":\"" + product
							+ "\",\"quantity\":1},{\"productId\":\"" + UUID.randomUUID() + "\",\"quantity\":1}]}", 422,
							"items[1].productId"));
		}

		private static String tooManyLines() {
			StringBuilder body = new StringBuilder("{\"items\":[");
			for (int i = 0; i < 51; i++) {
				body.append((i > 0) ? "," : "")
					.append("{\"productId\":\"")
					.append(UUID.randomUUID())
					.append("\",\"quantity\":1}");
			}
			return body.append("]}").toString();
		}

		@ParameterizedTest
		@MethodSource("invalidBodies")
		void isRefusedNamingTheFieldAndNothingIsStored(String body, int status, String field) {
			Response refused = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token,
					body);

			assertThat(refused.status()).isEqualTo(status);
			assertThat(refused.isProblem()).as(refused.contentType()).isTrue();
			assertThat(refused.body().path("type").asString()).startsWith("https://bazaar.example/problems/");
			assertThat(refused.body().path("errors").findValuesAsString("field")).contains(field);
			assertThat(ordersOfCustomer()).isZero();
			assertThat(outboxOfCustomer()).isZero();
		}

		@Test
		void productsPricedInDifferentCurrenciesAreRefused() {
			Response refused = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token,
					"{\"items\":[{\"productId\":\"" + KNOWN_PRODUCT + "\",\"quantity\":1},{\"productId\":\""
							+ DOLLAR_PRODUCT + "\",\"quantity\":1}]}");

			assertThat(refused.status()).isEqualTo(422);
			assertThat(refused.body().path("type").asString())
				.isEqualTo("https://bazaar.example/problems/mixed-currency");
			assertThat(refused.body().path("currencies").values()).extracting(JsonNode::asString)
				.containsExactly("EUR", "USD");
			assertThat(ordersOfCustomer()).isZero();
		}

		@Test
		void malformedJsonIsRefused() {
			Response refused = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token,
					"{\"items\":[");

			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.isProblem()).isTrue();
			assertThat(refused.body().path("type").asString())
				.isEqualTo("https://bazaar.example/problems/malformed-request");
			assertThat(ordersOfCustomer()).isZero();
		}

		@Test
		void theDearestProductCanStillBeOrderedOnce() {
			Response placed = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token,
					OrderApi.order(DEAREST_PRODUCT, 1));

			assertThat(placed.status()).as(placed.body().toString()).isEqualTo(201);
			assertThat(ordersOfCustomer()).isOne();
		}

		@Test
		void idempotencyKeyIsRequired() {
			Response refused = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token,
					null, OrderApi.order(KNOWN_PRODUCT, 1));

			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.isProblem()).isTrue();
			assertThat(refused.body().path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");
			assertThat(ordersOfCustomer()).isZero();
		}

		@Test
		void idempotencyKeyMustBeShortPrintableText() {
			Response refused = OrderPlacementIntegrationTest.this.api.place(OrderPlacementIntegrationTest.this.token,
					"k".repeat(256), OrderApi.order(KNOWN_PRODUCT, 1));

			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.body().path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");
			assertThat(ordersOfCustomer()).isZero();
		}

	}

	@Nested
	class Access {

		@Test
		void withoutATokenNothingIsPlaced() {
			Response refused = OrderPlacementIntegrationTest.this.api.place(null, OrderApi.order(KNOWN_PRODUCT, 1));

			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.isProblem()).isTrue();
			assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
		}

		@Test
		void aTokenSignedByAnotherKeyIsRefused() {
			UUID forger = UUID.randomUUID();
			Response refused = OrderPlacementIntegrationTest.this.api.place(tokens.signedByUnknownKey(forger),
					OrderApi.order(KNOWN_PRODUCT, 1));

			assertThat(refused.status()).isEqualTo(401);
			assertThat(OrderPlacementIntegrationTest.this.jdbc
				.queryForObject("SELECT count(*) FROM customer_order WHERE user_id = ?", Integer.class, forger))
				.isZero();
		}

	}

}
