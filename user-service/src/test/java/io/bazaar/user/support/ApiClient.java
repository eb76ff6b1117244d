package io.bazaar.user.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running service over real HTTP, as a client would. */
public final class ApiClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	public ApiClient(int port) {
		this.base = "http://localhost:" + port;
	}

	public static String toJson(Object value) {
		return json.writeValueAsString(value);
	}

	public Response get(String path, String... headers) {
		return send("GET", path, BodyPublishers.noBody(), headers);
	}

	public Response post(String path, String body, String... headers) {
		return send("POST", path, BodyPublishers.ofString(body), withJson(headers));
	}

	public Response patch(String path, String body, String... headers) {
		return send("PATCH", path, BodyPublishers.ofString(body), withJson(headers));
	}

	public Response send(String method, String path, BodyPublisher body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).method(method, body);
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			var response = this.http.send(request.build(), BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Registers an account and answers the response. */
	public Response register(String email, String password, String displayName) {
		return post("/api/users", toJson(Map.of("email", email, "password", password, "displayName", displayName)));
	}

	public Response login(String email, String password) {
		return post("/api/auth/token", toJson(Map.of("email", email, "password", password)));
	}

	/** Registers an account and logs in; answers the token response. */
	public JsonNode registerAndLogin(String email, String displayName) {
		Response registered = register(email, TestAccounts.PASSWORD, displayName);
		if (registered.status() != 201) {
			throw new AssertionError("Registration failed: " + registered);
		}
		return login(email, TestAccounts.PASSWORD).json();
	}

	public static String bearer(String accessToken) {
		return "Bearer " + accessToken;
	}

	private static String[] withJson(String[] headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/json";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return all;
	}

	public record Response(int status, HttpHeaders headers, String body) {

		public JsonNode json() {
			return json.readTree(this.body);
		}

		public String contentType() {
			return this.headers.firstValue("Content-Type").orElse("");
		}

	}

}
