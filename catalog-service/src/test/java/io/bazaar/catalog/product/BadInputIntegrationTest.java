package io.bazaar.catalog.product;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.bazaar.catalog.support.CatalogServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** Bad input is a 400 problem naming the offending field, never a 500. */
class BadInputIntegrationTest extends CatalogServiceIntegrationTestBase {

	@Autowired
	private JdbcTemplate jdbc;

	static Stream<Arguments> badQueries() {
		return Stream.of(argumentSet("page size over the maximum", "/api/products?size=101", "size"),
				argumentSet("page size zero", "/api/products?size=0", "size"),
				argumentSet("page size not a number", "/api/products?size=lots", "size"),
				argumentSet("negative page", "/api/products?page=-1", "page"),
				argumentSet("negative minimum price", "/api/products?minPrice=-5", "minPrice"),
				argumentSet("minimum above maximum", "/api/products?minPrice=50&maxPrice=10", "minPrice"),
				argumentSet("unknown category", "/api/products?category=no-such-category", "category"),
				argumentSet("unknown sort", "/api/products?sort=popularity", "sort"),
				argumentSet("relevance without search text", "/api/products?sort=relevance", "sort"),
				argumentSet("malformed id in a lookup", "/api/products?ids=abc", "ids"),
				argumentSet("ids with other filters",
						"/api/products?category=books&ids=" + "00000000-0000-4000-8000-000000000001", "ids"),
				argumentSet("malformed product id", "/api/products/not-a-uuid", "id"),
				argumentSet("NUL in the search text", "/api/products?q=%00", "q"),
				argumentSet("NUL inside longer search text", "/api/products?q=lan%00tern", "q"),
				argumentSet("NUL in the category filter", "/api/products?category=books%00", "category"));
	}

	@ParameterizedTest
	@MethodSource("badQueries")
	void badQueriesAreRefusedNamingTheParameter(String path, String field) {
		assertValidationProblem(get(path), field);
	}

	static Stream<Arguments> badProducts() {
		return Stream.of(
				argumentSet("negative price",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "price",
								Map.of("amount", -1, "currency", "USD")),
						"price.amount"),
				argumentSet("price with three decimals",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "price",
								Map.of("amount", 1.005, "currency", "USD")),
						"price.amount"),
				argumentSet("unknown currency",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "price",
								Map.of("amount", 1, "currency", "XYZ")),
						"price.currency"),
				argumentSet("unknown category",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "category", "no-such"),
						"category"),
				argumentSet("blank name",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "name", " "), "name"),
				argumentSet("lower-case SKU",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "sku", "abc-1"), "sku"),
				argumentSet("image that is not an https URL",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "imageUrls",
								List.of("ftp://example.com/a.jpg")),
						"imageUrls[0]"),
				argumentSet("negative initial stock",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "initialStock", -3),
						"initialStock"),
				argumentSet("unknown field",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "discount", 10), "discount"),
				argumentSet("NUL in the name",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "name", "Lan\u0000tern"),
						"name"),
				argumentSet("NUL in the description",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "description", "\u0000"),
						"description"),
				argumentSet("NUL in an attribute value",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "attributes",
								Map.of("color", "Red\u0000")),
						"attributes.color"),
				argumentSet("NUL in an attribute name",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "attributes",
								Map.of("col\u0000or", "Red")),
						"attributes"),
				argumentSet("NUL in an image URL",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "imageUrls",
								List.of("https://images.example/a\u0000.jpg")),
						"imageUrls[0]"),
				argumentSet("price of the wrong type",
						(Function<Map<String, Object>, Object>) (product) -> with(product, "price", "cheap"), "price"));
	}

	@ParameterizedTest
	@MethodSource("badProducts")
	void badProductsAreRefusedNamingTheField(Function<Map<String, Object>, Object> spoil, String field) {
		Object body = spoil.apply(product("books", "9.99", 1));
		int products = productCount();

		assertValidationProblem(post("/api/products", tokens.admin(), body), field);
		assertThat(productCount()).as("nothing stored").isEqualTo(products);
	}

	@Test
	void aCategoryWithNulInItsNameIsRefusedAndNotStored() {
		int categories = this.jdbc.queryForObject("SELECT count(*) FROM category", Integer.class);

		assertValidationProblem(post("/api/categories", tokens.admin(),
				Map.of("slug", "nul-name", "name", "Lamps\u0000", "description", "")), "name");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM category", Integer.class)).isEqualTo(categories);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requestsTomcatRefuses")
	void requestsRefusedBeforeTheApplicationAreProblemsToo(String request) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
			JsonNode problem = json.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));

			assertThat(head).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
			assertThat(problem.path("type").asString()).isEqualTo("https://bazaar.example/problems/malformed-request");
			assertThat(problem.path("status").asInt()).isEqualTo(400);
			assertThat(problem.path("title").asString()).isNotBlank();
			assertThat(problem.path("detail").asString()).isNotBlank();
		}
	}

	static Stream<Arguments> requestsTomcatRefuses() {
		return Stream.of(
				argumentSet("NUL in a path variable",
						"GET /api/categories/books%00 HTTP/1.1\r\n" + "Host: localhost\r\nConnection: close\r\n\r\n"),
				argumentSet("NUL in a header",
						"GET /api/products HTTP/1.1\r\nHost: localhost\r\n"
								+ "X-Client-Note: a\u0000b\r\nConnection: close\r\n\r\n"),
				argumentSet("invalid escape in the path",
						"GET /api/products/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
	}

	private int productCount() {
		return this.jdbc.queryForObject("SELECT count(*) FROM product", Integer.class);
	}

	@Test
	void malformedJsonIsAMalformedRequestProblem() {
		HttpResponse<String> response = post("/api/products", tokens.admin(), "{\"sku\": ");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(body(response).path("type").asString())
			.isEqualTo("https://bazaar.example/problems/malformed-request");
	}

	private static Map<String, Object> with(Map<String, Object> product, String field, Object value) {
		product.put(field, value);
		return product;
	}

	private static void assertValidationProblem(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = body(response);
		assertThat(problem.path("type").asString()).isEqualTo("https://bazaar.example/problems/validation");
		assertThat(problem.path("errors").valueStream().map((error) -> error.path("field").asString())).contains(field);
		assertThat(problem.path("errors").valueStream().map((error) -> error.path("message").asString()))
			.allSatisfy((message) -> assertThat(message).isNotBlank());
	}

}
