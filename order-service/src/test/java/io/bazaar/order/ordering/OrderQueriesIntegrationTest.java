package io.bazaar.order.ordering;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderApi.Response;
import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading orders: who may see which, and listing one's own page by page. */
class OrderQueriesIntegrationTest extends OrderServiceIntegrationTestBase {

	private final UUID owner = UUID.randomUUID();

	private final String ownerToken = customerToken(this.owner);

	@Test
	void ownerReadsTheOrderWithItsSnapshottedLines() {
		UUID product = product("7.25", 10);
		UUID orderId = this.api.place(this.ownerToken, OrderApi.order(product, 4)).id();

		Response read = this.api.get("/api/orders/" + orderId, this.ownerToken);

		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body().path("userId").asString()).isEqualTo(this.owner.toString());
		assertThat(read.body().path("items").get(0).path("sku").asString())
			.isEqualTo(platform.catalog().skuOf(product));
		assertThat(read.body().path("items").get(0).path("quantity").asInt()).isEqualTo(4);
		assertThat(read.body().path("items").get(0).path("lineTotal").path("amount").asString()).isEqualTo("29.00");
		assertThat(read.body().path("total").path("amount").asString()).isEqualTo("29.00");
		assertThat(read.body().path("total").path("currency").asString()).isEqualTo("EUR");
		assertThat(read.body().path("history").get(0).path("status").asString()).isEqualTo("PENDING");
	}

	@Test
	void anotherUsersOrderIsNotFoundButAnAdministratorSeesIt() {
		UUID orderId = this.api.place(this.ownerToken, OrderApi.order(product("3.00", 5), 1)).id();

		Response stranger = this.api.get("/api/orders/" + orderId, customerToken(UUID.randomUUID()));
		Response admin = this.api.get("/api/orders/" + orderId, tokens.admin(UUID.randomUUID()));

		assertThat(stranger.status()).isEqualTo(404);
		assertThat(stranger.isProblem()).isTrue();
		assertThat(stranger.body().path("type").asString())
			.isEqualTo("https://bazaar.example/problems/order-not-found");
		assertThat(admin.status()).isEqualTo(200);
		assertThat(admin.id()).isEqualTo(orderId);
	}

	@Test
	void unknownOrMalformedIdsAreProblems() {
		Response unknown = this.api.get("/api/orders/" + UUID.randomUUID(), this.ownerToken);
		Response malformed = this.api.get("/api/orders/not-an-id", this.ownerToken);

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isProblem()).isTrue();
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.isProblem()).isTrue();
		assertThat(malformed.body().path("errors").get(0).path("field").asString()).isEqualTo("id");
	}

	@Test
	void listsOnlyTheCallersOwnOrdersNewestFirstPageByPage() {
		UUID product = product("1.00", 50);
		List<UUID> placed = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			placed.add(this.api.place(this.ownerToken, OrderApi.order(product, i + 1)).id());
		}
		this.api.place(customerToken(UUID.randomUUID()), OrderApi.order(product, 1));

		Response first = this.api.get("/api/orders?page=0&size=2", this.ownerToken);
		Response second = this.api.get("/api/orders?page=1&size=2", this.ownerToken);

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body().path("totalElements").asLong()).isEqualTo(3);
		assertThat(first.body().path("totalPages").asLong()).isEqualTo(2);
		assertThat(first.body().path("content").findValuesAsString("id")).containsExactly(placed.get(2).toString(),
				placed.get(1).toString());
		assertThat(second.body().path("content").findValuesAsString("id")).containsExactly(placed.get(0).toString());
		assertThat(first.body().path("content").get(0).path("itemCount").asInt()).isEqualTo(3);
	}

	@Test
	void pageSizeIsBounded() {
		Response tooLarge = this.api.get("/api/orders?size=101", this.ownerToken);
		Response zero = this.api.get("/api/orders?size=0", this.ownerToken);

		assertThat(tooLarge.status()).isEqualTo(400);
		assertThat(tooLarge.isProblem()).isTrue();
		assertThat(tooLarge.body().path("errors").get(0).path("field").asString()).isEqualTo("size");
		assertThat(zero.status()).isEqualTo(400);
	}

	@Test
	void readingNeedsAToken() {
		Response anonymous = this.api.get("/api/orders", null);

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.isProblem()).isTrue();
	}

}
