package io.bazaar.user.web;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.bazaar.user.support.ApiClient;
import io.bazaar.user.support.ApiClient.Response;
import io.bazaar.user.support.TestAccounts;
import io.bazaar.user.support.UserServiceIntegrationTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Bad registrations sent over HTTP to the running service: each is answered with a
 * problem naming what is wrong (never a 500), and nothing is stored.
 */
class RequestValidationIntegrationTest extends UserServiceIntegrationTestBase {

	private static final String PASSWORD = TestAccounts.PASSWORD;

	@Autowired
	private JdbcTemplate jdbc;

	static Stream<Arguments> badRegistrations() {
		return Stream.of(argumentSet("missing email", body(null, PASSWORD, "Ada"), 400, "validation", "email"),
				argumentSet("missing password", body(email(), null, "Ada"), 400, "validation", "password"),
				argumentSet("missing displayName", body(email(), PASSWORD, null), 400, "validation", "displayName"),
				argumentSet("empty object", "{}", 400, "validation", "displayName"), argumentSet("unknown field", """
						{"email": "%s", "password": "%s", "displayName": "Ada", "roles": ["ADMIN"]}
						""".formatted(email(), PASSWORD), 400, "validation", "roles"),
				argumentSet("number for displayName", """
						{"email": "%s", "password": "%s", "displayName": 42}
						""".formatted(email(), PASSWORD), 400, "validation", "displayName"),
				argumentSet("object for email", """
						{"email": {"address": "a@b.example"}, "password": "%s", "displayName": "Ada"}
						""".formatted(PASSWORD), 400, "validation", "email"), argumentSet("array for password", """
						{"email": "%s", "password": ["%s"], "displayName": "Ada"}
						""".formatted(email(), PASSWORD), 400, "validation", "password"),
				argumentSet("boolean for displayName", """
						{"email": "%s", "password": "%s", "displayName": true}
						""".formatted(email(), PASSWORD), 400, "validation", "displayName"),
				argumentSet("malformed JSON", "{\"email\": \"a@b.example\", \"password\": ", 400, "malformed-request",
						null),
				argumentSet("trailing garbage after the document", body(email(), PASSWORD, "Ada") + " {}", 400,
						"malformed-request", null),
				argumentSet("JSON array instead of object", "[]", 400, "malformed-request", null),
				argumentSet("empty body", "", 400, "malformed-request", null),
				argumentSet("oversized body", body(email(), PASSWORD, "x".repeat(20_000)), 413, "payload-too-large",
						null),
				argumentSet("invalid email", body("not-an-email", PASSWORD, "Ada"), 400, "validation", "email"),
				argumentSet("email without domain dot", body("ada@localhost", PASSWORD, "Ada"), 400, "validation",
						"email"),
				argumentSet("SQL metacharacters in email", body("x' OR '1'='1'; --@example.com", PASSWORD, "Ada"), 400,
						"validation", "email"),
				argumentSet("SQL injection in email domain",
						body("ada@example.com'); DELETE FROM user_account;--", PASSWORD, "Ada"), 400, "validation",
						"email"),
				argumentSet("very long email", body("a".repeat(250) + "@example.com", PASSWORD, "Ada"), 400,
						"validation", "email"),
				argumentSet("very long displayName", body(email(), PASSWORD, "x".repeat(1_000)), 400, "validation",
						"displayName"),
				argumentSet("very long password", body(email(), "a1".repeat(100), "Ada"), 400, "validation",
						"password"),
				argumentSet("control characters in displayName", body(email(), PASSWORD, "Ada\u0000\u0007"), 400,
						"validation", "displayName"),
				argumentSet("blank displayName", body(email(), PASSWORD, "   "), 400, "validation", "displayName"),
				argumentSet("short password", body(email(), "short1pass", "Ada"), 400, "validation", "password"),
				argumentSet("password without digit", body(email(), "only-letters-here", "Ada"), 400, "validation",
						"password"),
				argumentSet("password equal to the email", body("ada-pw1@example.com", "ADA-PW1@example.com", "Ada"),
						400, "validation", "password"));
	}

	@ParameterizedTest
	@MethodSource("badRegistrations")
	void isRefusedWithAProblemNamingTheFieldAndStoresNothing(String body, int status, String type, String field) {
		int accounts = accountCount();

		Response response = this.api.post("/api/users", body);

		assertProblem(response, status, type, field);
		assertThat(accountCount()).isEqualTo(accounts);
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 17_000, 1_000_000 })
	void anOversizedBodySentInChunksIsRefusedToo(int size) {
		int accounts = accountCount();
		byte[] body = body(email(), PASSWORD, "x".repeat(size)).getBytes(StandardCharsets.UTF_8);

		Response response = this.api.send("POST", "/api/users",
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), "Content-Type", "application/json");

		assertProblem(response, 413, "payload-too-large", null);
		assertThat(accountCount()).isEqualTo(accounts);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "text/plain", "application/xml" })
	void aBodyThatIsNotJsonIs415(String contentType) {
		Response response = this.api.send("POST", "/api/users", BodyPublishers.ofString(body(email(), PASSWORD, "Ada")),
				"Content-Type", contentType);

		assertProblem(response, 415, "unsupported-media-type", null);
	}

	private static void assertProblem(Response response, int status, String type, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo("https://bazaar.example/problems/" + type);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		if (field != null) {
			assertThat(problem.get("errors").valueStream().map((error) -> error.get("field").asString()))
				.contains(field);
			assertThat(problem.get("errors").valueStream().map((error) -> error.get("message").asString()))
				.allSatisfy((message) -> assertThat(message).isNotBlank());
		}
		assertThat(response.body()).doesNotContain("Exception", "at io.bazaar", "tools.jackson");
	}

	private int accountCount() {
		return this.jdbc.queryForObject("SELECT count(*) FROM user_account", Integer.class);
	}

	private static String email() {
		return TestAccounts.uniqueEmail();
	}

	private static String body(String email, String password, String displayName) {
		StringBuilder json = new StringBuilder("{");
		append(json, "email", email);
		append(json, "password", password);
		append(json, "displayName", displayName);
		return json.append('}').toString();
	}

	private static void append(StringBuilder json, String name, String value) {
		if (value == null) {
			return;
		}
		if (json.length() > 1) {
			json.append(", ");
		}
		json.append('"').append(name).append("\": ").append(ApiClient.toJson(value));
	}

}
