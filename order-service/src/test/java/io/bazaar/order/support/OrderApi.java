package io.bazaar.order.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the order service's HTTP API, as a customer's application calls it. */
public final class OrderApi {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final String baseUri;

	public OrderApi(int port) {
		this.baseUri = "http://127.0.0.1:" + port;
	}

	/** {@code POST /api/orders} with a fresh Idempotency-Key. */
	public Response place(String token, String body) {
		return place(token, UUID.randomUUID().toString(), body);
	}

	public Response place(String token, String idempotencyKey, String body) {
		HttpRequest.Builder request = request("/api/orders", token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request.build());
	}

	public Response get(String path, String token) {
		return send(request(path, token).GET().build());
	}

	public Response get(String path, String token, String apiVersion) {
		return send(request(path, token).header("API-Version", apiVersion).GET().build());
	}

	public Response cancel(UUID orderId, String token) {
		return send(
				request("/api/orders/" + orderId + "/cancel", token).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	/** A {@code POST} without a body, such as a replay of the admin API. */
	public Response post(String path, String token) {
		return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	/** A body ordering {@code quantity} of one product. */
	public static String order(UUID productId, int quantity) {
		return "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}]}";
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUri + path))
			.timeout(Duration.ofSeconds(60));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			boolean isJson = contentType.contains("json") && !response.body().isEmpty();
			return new Response(response.statusCode(), contentType, response,
					isJson ? json.readTree(response.body()) : json.missingNode());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request " + request.uri() + " failed", ex);
		}
	}

	/**
	 * An answer of the API.
	 *
	 * @param status the HTTP status
	 * @param contentType its Content-Type
	 * @param raw the whole response
	 * @param body its JSON body
	 */
	public record Response(int status, String contentType, HttpResponse<String> raw, JsonNode body) {

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public UUID id() {
			return UUID.fromString(this.body.path("id").asString());
		}

		public boolean isProblem() {
			return this.contentType.startsWith("application/problem+json");
		}

	}

}
