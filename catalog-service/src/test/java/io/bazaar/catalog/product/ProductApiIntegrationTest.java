package io.bazaar.catalog.product;

import java.net.http.HttpResponse;
import java.util.Map;

import io.bazaar.catalog.support.CatalogServiceIntegrationTestBase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ProductApiIntegrationTest extends CatalogServiceIntegrationTestBase {

	@Nested
	class PublicReads {

		@Test
		void productDetailCarriesItsVersionAsETagAndMayBeCachedBriefly() {
			JsonNode created = newProduct(newCategory(), "12.50", 3);

			HttpResponse<String> read = get("/api/products/" + created.path("id").asString());

			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(read.headers().firstValue("ETag")).hasValue("\"0\"");
			assertThat(read.headers().firstValue("Cache-Control")).hasValue("max-age=30, public");
			JsonNode product = body(read);
			assertThat(product.path("price").path("amount").decimalValue()).isEqualByComparingTo("12.50");
			assertThat(product.path("price").path("currency").asString()).isEqualTo("USD");
			assertThat(product.path("attributes").path("color").asString()).isEqualTo("Red");
		}

		@Test
		void unchangedProductAnswers304ToIfNoneMatch() {
			String id = newProduct(newCategory(), "5.00", 1).path("id").asString();

			HttpResponse<String> notModified = get("/api/products/" + id, Map.of("If-None-Match", "\"0\""));
			HttpResponse<String> modified = get("/api/products/" + id, Map.of("If-None-Match", "\"7\""));

			assertThat(notModified.statusCode()).isEqualTo(304);
			assertThat(notModified.body()).isEmpty();
			assertThat(modified.statusCode()).isEqualTo(200);
		}

		@Test
		void categoriesListTheDemoDepartmentsWithAnETagThatRevalidates() {
			HttpResponse<String> list = get("/api/categories");

			assertThat(list.statusCode()).isEqualTo(200);
			assertThat(body(list).valueStream().map((category) -> category.path("slug").asString()))
				.contains("electronics", "books", "kitchen", "pets");
			assertThat(body(list).size()).isGreaterThanOrEqualTo(12);
			String etag = list.headers().firstValue("ETag").orElseThrow();
			assertThat(get("/api/categories", Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
		}

		@Test
		void listingAnswers304WhenThePageIsUnchanged() {
			HttpResponse<String> page = get("/api/products?category=books&size=5");
			String etag = page.headers().firstValue("ETag").orElseThrow();

			assertThat(get("/api/products?category=books&size=5", Map.of("If-None-Match", etag)).statusCode())
				.isEqualTo(304);
		}

		@Test
		void unknownProductIsA404Problem() {
			HttpResponse<String> missing = get("/api/products/00000000-0000-4000-8000-000000000001");

			assertThat(missing.statusCode()).isEqualTo(404);
			assertThat(missing.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(body(missing).path("type").asString()).isEqualTo("https://bazaar.example/problems/not-found");
		}

		@Test
		void productsCanBeFetchedByIdsForPriceSnapshotsInTheRequestedOrder() {
			String category = newCategory();
			String first = newProduct(category, "1.00", 1).path("id").asString();
			String second = newProduct(category, "2.00", 1).path("id").asString();
			String unknown = "00000000-0000-4000-8000-000000000002";

			JsonNode page = body(get("/api/products?ids=" + second + "," + unknown + "," + first));

			assertThat(page.path("items").valueStream().map((item) -> item.path("id").asString()))
				.containsExactly(second, first);
			assertThat(page.path("totalElements").asLong()).isEqualTo(2);
		}

		@Test
		void apiVersionOneIsTheDefaultAndUnknownVersionsAreRefused() {
			String id = newProduct(newCategory(), "3.00", 1).path("id").asString();

			assertThat(get("/api/products/" + id, Map.of("API-Version", "1")).statusCode()).isEqualTo(200);
			HttpResponse<String> unsupported = get("/api/products/" + id, Map.of("API-Version", "9"));
			assertThat(unsupported.statusCode()).isEqualTo(400);
			assertThat(body(unsupported).path("type").asString())
				.isEqualTo("https://bazaar.example/problems/unsupported-api-version");
		}

		@Test
		void publishesItsOpenApiDocument() {
			HttpResponse<String> docs = get("/v3/api-docs");

			assertThat(docs.statusCode()).isEqualTo(200);
			assertThat(body(docs).path("paths").propertyNames()).contains("/api/products", "/api/products/{id}",
					"/api/categories", "/api/inventory/reservations");
		}

	}

	@Nested
	class AdminWrites {

		@Test
		void adminCreatesAProduct() {
			String category = newCategory();

			HttpResponse<String> created = post("/api/products", tokens.admin(), product(category, "19.99", 7));

			assertThat(created.statusCode()).isEqualTo(201);
			String id = body(created).path("id").asString();
			assertThat(created.headers().firstValue("Location")).hasValue("/api/products/" + id);
			assertThat(created.headers().firstValue("ETag")).hasValue("\"0\"");
			assertThat(body(get("/api/products/" + id)).path("category").path("slug").asString()).isEqualTo(category);
			assertThat(body(getWithToken("/api/inventory/" + id, tokens.admin())).path("onHand").asInt()).isEqualTo(7);
		}

		@Test
		void updateNeedsTheCurrentETag() {
			String category = newCategory();
			JsonNode created = newProduct(category, "10.00", 1);
			String path = "/api/products/" + created.path("id").asString();
			Map<String, Object> change = product(category, "11.00", null);
			change.put("sku", created.path("sku").asString());

			HttpResponse<String> withoutIfMatch = put(path, tokens.admin(), null, change);
			HttpResponse<String> updated = put(path, tokens.admin(), "\"0\"", change);
			HttpResponse<String> stale = put(path, tokens.admin(), "\"0\"", change);

			assertThat(withoutIfMatch.statusCode()).isEqualTo(428);
			assertThat(body(withoutIfMatch).path("type").asString())
				.isEqualTo("https://bazaar.example/problems/precondition-required");
			assertThat(updated.statusCode()).isEqualTo(200);
			assertThat(updated.headers().firstValue("ETag")).hasValue("\"1\"");
			assertThat(body(updated).path("price").path("amount").decimalValue()).isEqualByComparingTo("11.00");
			assertThat(stale.statusCode()).isEqualTo(412);
			assertThat(stale.headers().firstValue("ETag")).hasValue("\"1\"");
			assertThat(body(stale).path("type").asString())
				.isEqualTo("https://bazaar.example/problems/precondition-failed");
			assertThat(body(get(path)).path("price").path("amount").decimalValue()).isEqualByComparingTo("11.00");
		}

		@Test
		void weakETagsNeverMatchAnUpdate() {
			String category = newCategory();
			JsonNode created = newProduct(category, "10.00", 1);

			HttpResponse<String> weak = put("/api/products/" + created.path("id").asString(), tokens.admin(), "W/\"0\"",
					product(category, "11.00", null));

			assertThat(weak.statusCode()).isEqualTo(412);
		}

		@Test
		void duplicateSkuIsAConflict() {
			String category = newCategory();
			JsonNode first = newProduct(category, "10.00", 1);
			Map<String, Object> copy = product(category, "10.00", 1);
			copy.put("sku", first.path("sku").asString());

			HttpResponse<String> duplicate = post("/api/products", tokens.admin(), copy);

			assertThat(duplicate.statusCode()).isEqualTo(409);
			assertThat(body(duplicate).path("type").asString())
				.isEqualTo("https://bazaar.example/problems/duplicate-sku");
		}

		@Test
		void adminDeletesAProduct() {
			String path = "/api/products/" + newProduct(newCategory(), "4.00", 0).path("id").asString();
			assertThat(get(path).statusCode()).isEqualTo(200);

			assertThat(delete(path, tokens.admin()).statusCode()).isEqualTo(204);

			assertThat(get(path).statusCode()).isEqualTo(404);
			assertThat(delete(path, tokens.admin()).statusCode()).isEqualTo(404);
		}

		@Test
		void customersMayNotWrite() {
			String category = newCategory();
			String path = "/api/products/" + newProduct(category, "4.00", 0).path("id").asString();

			HttpResponse<String> create = post("/api/products", tokens.customer(), product(category, "1.00", 1));
			HttpResponse<String> update = put(path, tokens.customer(), "\"0\"", product(category, "1.00", null));
			HttpResponse<String> remove = delete(path, tokens.customer());

			assertThat(create.statusCode()).isEqualTo(403);
			assertThat(update.statusCode()).isEqualTo(403);
			assertThat(remove.statusCode()).isEqualTo(403);
			assertThat(body(remove).path("type").asString()).isEqualTo("https://bazaar.example/problems/forbidden");
			assertThat(create.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(get(path).statusCode()).isEqualTo(200);
		}

		@Test
		void anonymousWritesNeedAToken() {
			HttpResponse<String> create = post("/api/products", null, product(newCategory(), "1.00", 1));

			assertThat(create.statusCode()).isEqualTo(401);
			assertThat(create.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
			assertThat(body(create).path("type").asString()).isEqualTo("https://bazaar.example/problems/unauthorized");
		}

	}

}
