package io.bazaar.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;

import io.bazaar.systemtest.platform.Platform;
import io.bazaar.systemtest.platform.ServiceProcess;
import io.bazaar.testsupport.security.TokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.assertj.core.api.InstanceOfAssertFactories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Identity at the edge, end to end: real user-service instances behind the real gateway,
 * each its own process, with real PostgreSQL and Redis. Clients only ever talk to the
 * gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeSystemTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String ADMIN_EMAIL = "admin@bazaar.example";

	private static final String ADMIN_PASSWORD = "admin-password-" + UUID.randomUUID();

	private static Platform platform;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startPlatform() {
		platform = Platform.builder()
			.service("user-service", 2)
			.service("gateway")
			.setting("user-service", "users.admin.email", ADMIN_EMAIL)
			.environment("user-service", "USERS_ADMIN_PASSWORD", ADMIN_PASSWORD)
			.setting("gateway", "gateway.rate-limits.policies.sign-in.capacity", "30")
			.setting("gateway", "gateway.rate-limits.policies.sign-in.refill-tokens", "30")
			.setting("gateway", "gateway.rate-limits.policies.sign-in.refill-period", "60s")
			.setting("gateway", "gateway.resilience.timeout", "2s")
			.setting("gateway", "gateway.resilience.outlier-detection.base-ejection-time", "2s")
			.start();
		platform.awaitGatewayRoute("/.well-known/jwks.json", Duration.ofSeconds(30));
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	@Order(1)
	void registerSignInReadRefreshAndSignOut() throws Exception {
		String email = uniqueEmail();

		HttpResponse<String> registered = post("/api/users", null, "{\"email\":\"" + email.toUpperCase()
				+ "\",\"password\":\"correct horse 42\",\"displayName\":\"Ada\"}");
		assertThat(registered.statusCode()).isEqualTo(201);
		String userId = body(registered).path("id").asString();
		assertThat(registered.headers().firstValue("Location")).hasValue("/api/users/" + userId);
		assertThat(body(registered).path("email").asString()).as("stored normalised").isEqualTo(email);

		JsonNode tokens = signIn(email, "correct horse 42");
		assertThat(tokens.path("tokenType").asString()).isEqualTo("Bearer");

		HttpResponse<String> me = get("/api/users/me", tokens.path("accessToken").asString());
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(body(me).path("id").asString()).isEqualTo(userId);

		HttpResponse<String> refreshed = post("/api/auth/refresh", null,
				"{\"refreshToken\":\"" + tokens.path("refreshToken").asString() + "\"}");
		assertThat(refreshed.statusCode()).isEqualTo(200);
		String rotated = body(refreshed).path("refreshToken").asString();
		assertThat(rotated).isNotEqualTo(tokens.path("refreshToken").asString());
		assertThat(get("/api/users/me", body(refreshed).path("accessToken").asString()).statusCode()).isEqualTo(200);

		HttpResponse<String> signedOut = post("/api/auth/logout", null, "{\"refreshToken\":\"" + rotated + "\"}");
		assertThat(signedOut.statusCode()).isEqualTo(204);
		assertProblem(post("/api/auth/refresh", null, "{\"refreshToken\":\"" + rotated + "\"}"), 401);
	}

	@Test
	@Order(2)
	void reusingARotatedRefreshTokenRevokesTheWholeFamily() throws Exception {
		String email = register("Grace");
		JsonNode first = signIn(email, "correct horse 42");
		JsonNode second = body(post("/api/auth/refresh", null,
				"{\"refreshToken\":\"" + first.path("refreshToken").asString() + "\"}"));

		assertProblem(
				post("/api/auth/refresh", null, "{\"refreshToken\":\"" + first.path("refreshToken").asString() + "\"}"),
				401);
		assertProblem(post("/api/auth/refresh", null,
				"{\"refreshToken\":\"" + second.path("refreshToken").asString() + "\"}"), 401);
	}

	@Test
	@Order(3)
	void tokensThatAreForgedOrSignedByAnUnknownKeyAreRefused() throws Exception {
		String email = register("Mallory");
		String token = signIn(email, "correct horse 42").path("accessToken").asString();
		String[] parts = token.split("\\.");
		ObjectNode claims = (ObjectNode) json.readTree(Base64.getUrlDecoder().decode(parts[1]));
		claims.putArray("roles").add("CUSTOMER").add("ADMIN");
		String tampered = parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(claims)) + "."
				+ parts[2];

		assertProblem(get("/api/users/me", tampered), 401);
		UUID userId = UUID.fromString(claims.path("sub").asString());
		String keyId = json.readTree(Base64.getUrlDecoder().decode(parts[0])).path("kid").asString();
		assertProblem(get("/api/users/me", TokenIssuer.forged(userId, keyId)), 401);
		assertProblem(get("/api/users/me", TokenIssuer.shared().signedByUnknownKey(userId)), 401);
		assertProblem(get("/api/users/me", "not-a-token"), 401);
	}

	@Test
	@Order(4)
	void customersCannotUseAdministratorEndpointsNorReachOtherAccounts() throws Exception {
		String alice = register("Alice");
		String bob = register("Bob");
		String aliceToken = signIn(alice, "correct horse 42").path("accessToken").asString();
		String bobToken = signIn(bob, "correct horse 42").path("accessToken").asString();
		String aliceId = body(get("/api/users/me", aliceToken)).path("id").asString();

		assertProblem(get("/api/users/" + aliceId, bobToken), 403);
		assertThat(patch("/api/users/me", bobToken, "{\"displayName\":\"Bobby\"}").statusCode()).isEqualTo(200);
		assertThat(body(get("/api/users/me", aliceToken)).path("displayName").asString()).isEqualTo("Alice");

		String adminToken = signIn(ADMIN_EMAIL, ADMIN_PASSWORD).path("accessToken").asString();
		HttpResponse<String> asAdmin = get("/api/users/" + aliceId, adminToken);
		assertThat(asAdmin.statusCode()).isEqualTo(200);
		assertThat(body(asAdmin).path("email").asString()).isEqualTo(alice);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRegistrations")
	@Order(5)
	void badRegistrationsAreRefusedNamingTheFieldAndStoreNothing(String kind, String payload, String field)
			throws Exception {
		long accountsBefore = countAccounts();

		HttpResponse<String> response = post("/api/users", null, payload);

		assertThat(response.statusCode()).as(kind).isIn(400, 413);
		assertThat(response.headers().firstValue("Content-Type")).get(InstanceOfAssertFactories.STRING)
			.startsWith("application/problem+json");
		if (field != null) {
			assertThat(response.body()).contains("\"" + field + "\"");
		}
		assertThat(countAccounts()).isEqualTo(accountsBefore);
	}

	static Stream<Arguments> badRegistrations() {
		String valid = "\"password\":\"correct horse 42\",\"displayName\":\"Eve\"";
		return Stream.of(Arguments.of("missing email", "{" + valid + "}", "email"),
				Arguments.of("unknown field", "{\"email\":\"u1@bazaar.example\"," + valid + ",\"role\":\"ADMIN\"}",
						"role"),
				Arguments.of("wrong type", "{\"email\":42,\"password\":[1],\"displayName\":\"Eve\"}", null),
				Arguments.of("malformed JSON", "{\"email\":\"u2@bazaar.example\",", null),
				Arguments.of("invalid email", "{\"email\":\"not-an-email\"," + valid + "}", "email"),
				Arguments.of("SQL metacharacters in the email",
						"{\"email\":\"x'); DROP TABLE accounts;--@bazaar.example\"," + valid + "}", "email"),
				Arguments.of("very long display name",
						"{\"email\":\"u3@bazaar.example\",\"password\":" + "\"correct horse 42\",\"displayName\":\""
								+ "x".repeat(5000) + "\"}",
						"displayName"),
				Arguments.of("weak password",
						"{\"email\":\"u4@bazaar.example\",\"password\":\"short\",\"displayName\":\"Eve\"}", "password"),
				Arguments.of("oversized body",
						"{\"email\":\"u5@bazaar.example\"," + valid + ",\"pad\":\"" + "x".repeat(2_000_000) + "\"}",
						null));
	}

	@Test
	@Order(6)
	void bothInstancesServeTrafficAndReadsSurviveOneStopping() throws Exception {
		for (int i = 0; i < 20; i++) {
			assertThat(get("/.well-known/jwks.json", null).statusCode()).isEqualTo(200);
		}
		assertThat(platform.instances("user-service"))
			.allSatisfy((instance) -> assertThat(instance.requestsServed("/.well-known/jwks.json")).isPositive());

		ServiceProcess second = platform.instance("user-service", 1);
		second.stop();
		try {
			for (int i = 0; i < 10; i++) {
				assertThat(get("/.well-known/jwks.json", null).statusCode()).isEqualTo(200);
			}
		}
		finally {
			second.start().awaitReady(Duration.ofMinutes(2));
		}
	}

	@Test
	@Order(7)
	void withEveryInstanceStoppedTheGatewayAnswers503FastAndRecovers() throws Exception {
		platform.instances("user-service").forEach(ServiceProcess::stop);
		try {
			long started = System.nanoTime();
			HttpResponse<String> response = get("/.well-known/jwks.json", null);
			assertProblem(response, 503);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			platform.instances("user-service").forEach(ServiceProcess::start);
			platform.instances("user-service").forEach((instance) -> instance.awaitReady(Duration.ofMinutes(2)));
		}
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(get("/.well-known/jwks.json", null).statusCode()).isEqualTo(200));
	}

	@Test
	@Order(8)
	void signInIsRateLimitedAndRecovers() throws Exception {
		HttpResponse<String> response = null;
		for (int i = 0; i < 60; i++) {
			response = post("/api/auth/token", null, "{\"email\":\"nobody@bazaar.example\",\"password\":\"wrong\"}");
			if (response.statusCode() == 429) {
				break;
			}
			assertThat(response.statusCode()).isEqualTo(401);
		}
		assertProblem(response, 429);
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue("0");

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(
					post("/api/auth/token", null, "{\"email\":\"nobody@bazaar.example\",\"password\":\"wrong\"}")
						.statusCode())
				.isEqualTo(401));
	}

	private String register(String name) throws Exception {
		String email = uniqueEmail();
		HttpResponse<String> registered = post("/api/users", null,
				"{\"email\":\"" + email + "\",\"password\":\"correct horse 42\",\"displayName\":\"" + name + "\"}");
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		return email;
	}

	private JsonNode signIn(String email, String password) throws Exception {
		HttpResponse<String> response = post("/api/auth/token", null,
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return body(response);
	}

	private long countAccounts() throws SQLException {
		try (Connection connection = platform.database("user-service")
			.connectTo(platform.database("user-service").name());
				Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT count(*) FROM user_account")) {
			count.next();
			return count.getLong(1);
		}
	}

	private static String uniqueEmail() {
		return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@bazaar.example";
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request);
	}

	private HttpResponse<String> post(String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request);
	}

	private HttpResponse<String> patch(String path, String token, String body) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.method("PATCH", BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
	}

	private static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).get(InstanceOfAssertFactories.STRING)
			.startsWith("application/problem+json");
		assertThat(body(response).path("type").asString()).startsWith("https://bazaar.example/problems/");
	}

}
