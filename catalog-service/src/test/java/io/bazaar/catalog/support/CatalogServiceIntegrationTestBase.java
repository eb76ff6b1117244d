package io.bazaar.catalog.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.security.TokenIssuer;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The catalog running on a random port against its own PostgreSQL database (holding the
 * demo catalog) and Redis database, finding "user-service" (the JWKS) through simple
 * discovery. Subclasses share one application context, so each test makes its own
 * products and categories rather than assuming an empty catalog.
 */
// Redis may answer slowly on a loaded build machine: the production timeout
// (200 ms) would turn cache hits into degraded reads and make the cache tests
// depend on timing.
// Each context stores every dead letter in its own database: a consumer group of its own.
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF, "spring.data.redis.timeout=5s",
		"platform.dead-letters.group=catalog-dead-letters-${random.uuid}" })
@Import(SqlStatements.Recording.class)
public abstract class CatalogServiceIntegrationTestBase {

	protected static final JsonMapper json = JsonMapper.builder().build();

	protected static final TokenIssuer tokens = TokenIssuer.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	protected int port;

	@Autowired
	protected ServiceInfrastructure infrastructure;

	@DynamicPropertySource
	static void userService(DynamicPropertyRegistry registry) {
		tokens.register(registry);
	}

	protected HttpResponse<String> get(String path) {
		return send(request(path).GET().build());
	}

	protected HttpResponse<String> get(String path, Map<String, String> headers) {
		HttpRequest.Builder request = request(path).GET();
		headers.forEach(request::header);
		return send(request.build());
	}

	protected HttpResponse<String> post(String path, String token, Object body) {
		return send(withToken(request(path), token).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body(body)))
			.build());
	}

	protected HttpResponse<String> postWithHeaders(String path, Map<String, String> headers, Object body) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body(body)));
		headers.forEach(request::header);
		return send(request.build());
	}

	protected HttpResponse<String> put(String path, String token, String ifMatch, Object body) {
		HttpRequest.Builder request = withToken(request(path), token).header("Content-Type", "application/json");
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return send(request.PUT(BodyPublishers.ofString(body(body))).build());
	}

	protected HttpResponse<String> delete(String path, String token) {
		return send(withToken(request(path), token).DELETE().build());
	}

	protected HttpResponse<String> getWithToken(String path, String token) {
		return send(withToken(request(path), token).GET().build());
	}

	protected static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	/** A new category of its own for a test, created through the API. */
	protected String newCategory() {
		String slug = "test-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = post("/api/categories", tokens.admin(),
				Map.of("slug", slug, "name", "Test " + slug, "description", "Made by a test"));
		if (created.statusCode() != 201) {
			throw new AssertionError("Could not create category: " + created.body());
		}
		return slug;
	}

	/**
	 * A new product in {@code category} with {@code stock} units, created through the
	 * API.
	 */
	protected JsonNode newProduct(String category, String price, int stock) {
		HttpResponse<String> created = post("/api/products", tokens.admin(), product(category, price, stock));
		if (created.statusCode() != 201) {
			throw new AssertionError("Could not create product: " + created.body());
		}
		return body(created);
	}

	protected static Map<String, Object> product(String category, String price, Integer stock) {
		String sku = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("sku", sku);
		product.put("name", "Test lantern " + sku);
		product.put("description", "A sturdy lantern for tests");
		product.put("price", Map.of("amount", new BigDecimal(price), "currency", "USD"));
		product.put("category", category);
		product.put("attributes", Map.of("color", "Red"));
		product.put("imageUrls", List.of("https://images.bazaar.example/products/test/main.jpg"));
		if (stock != null) {
			product.put("initialStock", stock);
		}
		return product;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

	private static String body(Object body) {
		return (body instanceof String text) ? text : json.writeValueAsString(body);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
