package io.bazaar.gateway;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.bazaar.gateway.resilience.UpstreamHealth;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.security.TokenIssuer;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway as clients meet it, in front of real HTTP servers standing in for the
 * services (found through discovery), with real Redis behind the rate limits.
 */
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF, "gateway.resilience.timeout=1s",
		"gateway.resilience.outlier-detection.consecutive-failures=3",
		"gateway.resilience.outlier-detection.base-ejection-time=1s",
		"gateway.resilience.outlier-detection.slow-call-threshold=500ms",
		"gateway.resilience.service-max-concurrent-calls.order-service=2",
		"gateway.rate-limits.policies.default.capacity=10000",
		"gateway.rate-limits.policies.default.refill-tokens=10000",
		"gateway.rate-limits.policies.default.refill-period=1s", "gateway.rate-limits.policies.sign-in.capacity=3",
		"gateway.rate-limits.policies.sign-in.refill-tokens=3", "gateway.rate-limits.policies.sign-in.refill-period=2s",
		"gateway.rate-limits.policies.sign-in.per-client-address=true", "gateway.max-request-body-size=1KB",
		"gateway.cors-allowed-origins=https://shop.example", "management.tracing.sampling.probability=1.0" })
class GatewayEdgeIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TokenIssuer tokens = TokenIssuer.shared();

	private static final StubService users = StubService.start("user-service");

	private static final StubService catalogA = StubService.start("catalog-service");

	private static final StubService catalogB = StubService.start("catalog-service");

	private static final StubService orders = StubService.start("order-service");

	private static final StubService notifications = StubService.start("notification-service");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private UpstreamHealth upstreams;

	@Autowired
	private List<GlobalFilter> globalFilters;

	@DynamicPropertySource
	static void discoverStubs(DynamicPropertyRegistry registry) {
		users.publishJwks(tokens.jwks());
		String instances = "spring.cloud.discovery.client.simple.instances.";
		registry.add(instances + "user-service[0].uri", users::uri);
		registry.add(instances + "catalog-service[0].uri", catalogA::uri);
		registry.add(instances + "catalog-service[1].uri", catalogB::uri);
		registry.add(instances + "order-service[0].uri", orders::uri);
		registry.add(instances + "notification-service[0].uri", notifications::uri);
	}

	@AfterAll
	static void stopStubs() {
		users.close();
		catalogA.close();
		catalogB.close();
		orders.close();
		notifications.close();
	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	class Routing {

		@Test
		void resolvesServicesWithTheGatewaysOwnBalancedRouteFilterOnly() {
			assertThat(GatewayEdgeIntegrationTest.this.globalFilters)
				.filteredOn(ReactiveLoadBalancerClientFilter.class::isInstance)
				.singleElement()
				.extracting((filter) -> filter.getClass().getSimpleName())
				.isEqualTo("BalancedRouteFilter");
		}

		@ParameterizedTest(name = "{0} -> {1}")
		@MethodSource("io.bazaar.gateway.GatewayEdgeIntegrationTest#publicRoutes")
		void routesEachPublicPathToItsService(String path, String service) throws Exception {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(body(response).path("service").asString()).isEqualTo(service);
			assertThat(body(response).path("path").asString()).isEqualTo(path);
		}

		@ParameterizedTest(name = "{0} {1} -> {2} {3}")
		@MethodSource("io.bazaar.gateway.GatewayEdgeIntegrationTest#adminRoutes")
		void routesEachAdminPathToItsServiceWithTheServicesOwnPath(String method, String path, String service,
				String servicePath) throws Exception {
			String token = tokens.customer();

			HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
				.header("Authorization", "Bearer " + token)
				.method(method, HttpRequest.BodyPublishers.noBody()));

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(body(response).path("service").asString()).isEqualTo(service);
			assertThat(body(response).path("path").asString()).isEqualTo(servicePath);
		}

		@Test
		void requestTimersNameTheRouteThatServedThem() throws Exception {
			// a cold gateway's first routed call may outlast this test's 1 s upstream
			// timeout
			await().atMost(Duration.ofSeconds(30))
				.until(() -> send(HttpRequest.newBuilder(uri("/api/categories")).GET()).statusCode() == 200);
			assertThat(send(HttpRequest.newBuilder(uri("/api/orders"))
				.header("Authorization", "Bearer " + tokens.customer())
				.GET()).statusCode()).isEqualTo(200);
			assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET()).statusCode()).isEqualTo(200);

			HttpResponse<String> scrape = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET());

			assertThat(scrape.statusCode()).isEqualTo(200);
			assertThat(scrape.body().lines().filter((line) -> line.startsWith("http_server_requests_seconds_count{")))
				.anySatisfy((line) -> assertThat(line).contains("route=\"catalog-service\"").contains("status=\"200\""))
				.anySatisfy((line) -> assertThat(line).contains("route=\"order-service\"").contains("method=\"GET\""))
				.anySatisfy((line) -> assertThat(line).contains("route=\"none\"").contains("uri=\"/actuator/health\""));
			// the browse latency SLO's threshold is a bucket bound of its own
			assertThat(scrape.body().lines().filter((line) -> line.startsWith("http_server_requests_seconds_bucket{")))
				.anySatisfy((line) -> assertThat(line).contains("route=\"catalog-service\"").contains("le=\"0.5\""));
		}

		@Test
		void adminPathsNeedAToken() throws Exception {
			int before = orders.hits();

			assertProblem(send(HttpRequest.newBuilder(uri("/api/admin/orders/dead-letters")).GET()), 401,
					"unauthorized");
			assertThat(orders.hits()).as("nothing reached the service").isEqualTo(before);
		}

		@Test
		void spreadsCallsOverEveryInstanceOfAService() throws Exception {
			awaitBothCatalogInstancesInRotation();
			int before = catalogA.hits() + catalogB.hits();
			int beforeA = catalogA.hits();

			for (int i = 0; i < 10; i++) {
				assertThat(send(HttpRequest.newBuilder(uri("/api/products")).GET()).statusCode()).isEqualTo(200);
			}

			assertThat(catalogA.hits() + catalogB.hits() - before).isEqualTo(10);
			assertThat(catalogA.hits() - beforeA).as("calls one at a time alternate over two instances").isEqualTo(5);
		}

		@Test
		void readsKeepSucceedingWhenOneInstanceStops() throws Exception {
			catalogB.stop();
			try {
				for (int i = 0; i < 6; i++) {
					assertThat(send(HttpRequest.newBuilder(uri("/api/products/" + i)).GET()).statusCode())
						.isEqualTo(200);
				}
			}
			finally {
				catalogB.restart();
			}
		}

		@Test
		void unknownPathIsAProblemNotFoundForSignedInClients() throws Exception {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/nowhere"))
				.header("Authorization", "Bearer " + tokens.customer())
				.GET());

			assertProblem(response, 404, "not-found");
		}

		@Test
		void unknownPathIsUnauthorizedForAnonymousClientsSoRoutesAreNotDisclosed() throws Exception {
			assertProblem(send(HttpRequest.newBuilder(uri("/api/nowhere")).GET()), 401, "unauthorized");
		}

		@Test
		void removesIdentityHeadersSentByClients() throws Exception {
			String requestId = marker();
			send(HttpRequest.newBuilder(uri("/api/products"))
				.header("X-Request-Id", requestId)
				.header("X-User-Id", "someone-else")
				.header("X-User-Roles", "ADMIN")
				.header("X-Authenticated-User", "admin")
				.GET());

			StubService.Request received = catalogRequest(requestId);
			assertThat(received.headers()).doesNotContainKeys("x-user-id", "x-user-roles", "x-authenticated-user");
		}

		@Test
		void givesEveryRequestAnIdAndKeepsAWellFormedOneSentByTheClient() throws Exception {
			HttpResponse<String> generated = send(HttpRequest.newBuilder(uri("/api/products")).GET());
			String generatedId = generated.headers().firstValue("X-Request-Id").orElseThrow();
			assertThat(catalogRequest(generatedId)).isNotNull();

			HttpResponse<String> kept = send(
					HttpRequest.newBuilder(uri("/api/products")).header("X-Request-Id", "client-id-12345").GET());
			assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("client-id-12345");

			HttpResponse<String> replaced = send(
					HttpRequest.newBuilder(uri("/api/products")).header("X-Request-Id", "bad id <script>").GET());
			assertThat(replaced.headers().firstValue("X-Request-Id")).isPresent().get().isNotEqualTo("bad id <script>");
		}

		@Test
		void propagatesTheW3cTraceContext() throws Exception {
			String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
			String requestId = marker();
			send(HttpRequest.newBuilder(uri("/api/products"))
				.header("X-Request-Id", requestId)
				.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
				.GET());

			String forwarded = catalogRequest(requestId).headers().get("traceparent");
			assertThat(forwarded).startsWith("00-" + traceId + "-");
			assertThat(forwarded.split("-")[2]).as("the parent is the gateway's own span, not the client's")
				.matches("[0-9a-f]{16}")
				.isNotEqualTo("00f067aa0ba902b7");
		}

		@Test
		void startsATraceForARequestThatCarriesNone() throws Exception {
			String requestId = marker();
			send(HttpRequest.newBuilder(uri("/api/products")).header("X-Request-Id", requestId).GET());

			assertThat(catalogRequest(requestId).headers().get("traceparent"))
				.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
		}

		@Test
		void writesOneEcsJsonAccessLineForEachRequest(CapturedOutput output) throws Exception {
			String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
			String requestId = marker();
			send(HttpRequest.newBuilder(uri("/api/products?page=2"))
				.header("X-Request-Id", requestId)
				.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
				.GET());

			JsonNode line = await().atMost(Duration.ofSeconds(5))
				.until(() -> accessLine(output, requestId), Objects::nonNull);
			assertThat(line.path("log").path("logger").asString()).isEqualTo("io.bazaar.gateway.access");
			assertThat(line.path("service").path("name").asString()).isEqualTo("gateway");
			assertThat(line.path("message").asString()).isEqualTo("GET /api/products 200");
			assertThat(line.path("http").path("request").path("method").asString()).isEqualTo("GET");
			assertThat(line.path("http").path("response").path("status_code").asInt()).isEqualTo(200);
			assertThat(line.path("url").path("path").asString()).isEqualTo("/api/products");
			assertThat(line.path("client").path("address").asString()).isEqualTo("127.0.0.1");
			assertThat(line.path("event").path("duration_ms").isIntegralNumber()).isTrue();
			assertThat(line.path("traceId").asString()).isEqualTo(traceId);
			assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7");
		}

		private JsonNode accessLine(CapturedOutput output, String requestId) {
			return output.getOut()
				.lines()
				.filter((line) -> line.startsWith("{") && line.contains(requestId))
				.map(json::readTree)
				.filter((line) -> line.path("log").path("logger").asString().equals("io.bazaar.gateway.access"))
				.findFirst()
				.orElse(null);
		}

		@Test
		void allowsConfiguredWebOriginsOnly() throws Exception {
			HttpResponse<String> allowed = send(HttpRequest.newBuilder(uri("/api/products"))
				.header("Origin", "https://shop.example")
				.header("Access-Control-Request-Method", "GET")
				.method("OPTIONS", BodyPublishers.noBody()));
			HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/products"))
				.header("Origin", "https://evil.example")
				.header("Access-Control-Request-Method", "GET")
				.method("OPTIONS", BodyPublishers.noBody()));

			assertThat(allowed.statusCode()).isEqualTo(200);
			assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		}

		private String marker() {
			return "test-" + UUID.randomUUID();
		}

		/**
		 * The request that reached either catalog instance carrying {@code requestId}.
		 */
		private StubService.Request catalogRequest(String requestId) {
			return Stream.concat(catalogA.requests().stream(), catalogB.requests().stream())
				.filter((request) -> requestId.equals(request.headers().get("x-request-id")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No catalog instance received request " + requestId));
		}

	}

	@Nested
	class ApiDocumentation {

		@Test
		void servesEachServicesOpenApiDocumentThroughItsRoute() throws Exception {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v3/api-docs/order-service")).GET());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(body(response).path("service").asString()).isEqualTo("order-service");
			assertThat(body(response).path("path").asString()).isEqualTo("/v3/api-docs");
			assertThat(body(response).path("servers").path(0).path("url").asString())
				.as("Try it out goes through the gateway, not to the instance")
				.isEqualTo("http://localhost:" + GatewayEdgeIntegrationTest.this.port);
		}

		@Test
		void swaggerUiListsEveryServicesApi() throws Exception {
			HttpResponse<String> config = send(
					HttpRequest.newBuilder(uri("/gateway/v3/api-docs/swagger-config")).GET());
			HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/swagger-ui/index.html")).GET());

			assertThat(config.statusCode()).isEqualTo(200);
			assertThat(body(config).path("urls").valueStream().map((entry) -> entry.path("url").asString()))
				.containsExactlyInAnyOrder("/v3/api-docs/user-service", "/v3/api-docs/catalog-service",
						"/v3/api-docs/order-service", "/v3/api-docs/notification-service");
			assertThat(page.statusCode()).isEqualTo(200);
		}

	}

	@Nested
	class Authentication {

		private final UUID userId = UUID.randomUUID();

		@Test
		void protectedRoutesNeedAToken() throws Exception {
			int before = orders.hits();

			assertProblem(send(HttpRequest.newBuilder(uri("/api/orders")).GET()), 401, "unauthorized");
			assertThat(orders.hits()).as("nothing reached the service").isEqualTo(before);
		}

		@Test
		void aValidTokenPassesAndTheServiceReceivesItToCheckItself() throws Exception {
			String token = tokens.customer(this.userId);

			HttpResponse<String> response = send(
					HttpRequest.newBuilder(uri("/api/orders")).header("Authorization", "Bearer " + token).GET());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(orders.lastRequest().headers()).containsEntry("authorization", "Bearer " + token);
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("io.bazaar.gateway.GatewayEdgeIntegrationTest#badTokens")
		void refusesBadTokensWith401(String kind, String token) throws Exception {
			int before = orders.hits();

			HttpResponse<String> response = send(
					HttpRequest.newBuilder(uri("/api/orders")).header("Authorization", "Bearer " + token).GET());

			assertProblem(response, 401, "unauthorized");
			assertThat(orders.hits()).isEqualTo(before);
		}

		@Test
		void publicReadsNeedNoTokenAndCarryTheSecurityHeaders() throws Exception {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/categories")).GET());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("Cache-Control")).isPresent();
		}

		@Test
		void aPublicReadWithABadTokenIsRefusedNotTakenAsAnonymous() throws Exception {
			int before = catalogA.hits() + catalogB.hits();

			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/products"))
				.header("Authorization", "Bearer " + tokens.expired(UUID.randomUUID()))
				.GET());

			assertProblem(response, 401, "unauthorized");
			assertThat(catalogA.hits() + catalogB.hits()).isEqualTo(before);
		}

		@Test
		void registrationIsPublicButOtherUserCallsAreNot() throws Exception {
			HttpResponse<String> register = send(HttpRequest.newBuilder(uri("/api/users"))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{}")));
			HttpResponse<String> me = send(HttpRequest.newBuilder(uri("/api/users/me")).GET());

			assertThat(register.statusCode()).isEqualTo(200);
			assertProblem(me, 401, "unauthorized");
		}

	}

	@Nested
	class RateLimits {

		@Autowired
		private StringRedisTemplate redis;

		@BeforeEach
		void limiterConnectedToRedis() {
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(send(HttpRequest.newBuilder(uri("/api/categories")).GET()).headers()
					.firstValue("RateLimit-Limit")).isPresent());
		}

		@Test
		void signInTripsAt429AtTheBudgetAndRecoversAfterTheWindow() throws Exception {
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> allowed = signIn();
				assertThat(allowed.statusCode()).isEqualTo(200);
				assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("3");
				assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(2 - i));
			}

			HttpResponse<String> limited = signIn();
			assertProblem(limited, 429, "rate-limited");
			assertThat(limited.headers().firstValue("Retry-After")).isPresent()
				.get()
				.satisfies((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
			assertThat(limited.headers().firstValue("RateLimit-Remaining")).hasValue("0");

			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(signIn().statusCode()).isEqualTo(200));
		}

		@Test
		void signedInUsersHaveABucketOfTheirOwn() throws Exception {
			UUID userId = UUID.randomUUID();

			send(HttpRequest.newBuilder(uri("/api/orders"))
				.header("Authorization", "Bearer " + tokens.customer(userId))
				.GET());

			assertThat(this.redis.hasKey("gateway:ratelimit:v1:default:user:" + userId)).isTrue();
		}

		private HttpResponse<String> signIn() throws Exception {
			return send(HttpRequest.newBuilder(uri("/api/auth/token"))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"email\":\"a@b.example\",\"password\":\"x\"}")));
		}

	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	class Resilience {

		@Test
		void aSlowServiceIsAnswered504WithinTheTimeLimit(CapturedOutput output) throws Exception {
			long started = System.nanoTime();

			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/products/slow")).GET());

			assertThat(response.statusCode())
				.as(() -> "errors logged: "
						+ output.getOut().lines().filter((line) -> line.contains("Unexpected error")).toList())
				.isEqualTo(504);
			assertProblem(response, 504, "upstream-timeout");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));
		}

		@Test
		void aStoppedServiceIsAnswered503AndServedAgainOnceItReturns() throws Exception {
			users.stop();
			try {
				HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/.well-known/jwks.json")).GET());
				assertProblem(response, 503, "service-unavailable");
			}
			finally {
				users.restart();
			}
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(
						() -> assertThat(send(HttpRequest.newBuilder(uri("/.well-known/jwks.json")).GET()).statusCode())
							.isEqualTo(200));
		}

		@Test
		void aLiveStreamIsNotCutByTheTimeLimit() throws Exception {
			String token = tokens.customer();

			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/notifications/stream?slow"))
				.header("Authorization", "Bearer " + token)
				.GET());

			assertThat(response.statusCode()).as("a stream is not time-limited like other calls").isEqualTo(200);
		}

		@Test
		void aServiceWhoseEveryInstanceFailsHasItsCircuitOpenedAndClosedOnceItRecovers() throws Exception {
			String token = tokens.customer();
			notifications.failing(true);
			try {
				assertThat(notificationsCall(token).statusCode()).isEqualTo(503);
				int hitsWhileOpen = notifications.hits();

				HttpResponse<String> shortCircuited = notificationsCall(token);

				assertProblem(shortCircuited, 503, "circuit-open");
				assertThat(shortCircuited.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(notifications.hits()).as("an open circuit spares the service").isEqualTo(hitsWhileOpen);
			}
			finally {
				notifications.failing(false);
			}
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(() -> assertThat(notificationsCall(token).statusCode()).isEqualTo(200));
		}

		@Test
		void aFailingInstanceIsEjectedWhileTheOtherServesEveryCallAndItReturnsOnceHealthy() throws Exception {
			awaitBothCatalogInstancesInRotation();
			catalogB.failing(true);
			try {
				for (int i = 0; i < 10; i++) {
					HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/products/" + i)).GET());
					assertThat(response.statusCode()).as("retried on the healthy instance").isEqualTo(200);
					assertThat(body(response).path("port").asInt()).isEqualTo(catalogA.port());
				}
				int hitsOfTheEjected = catalogB.hits();
				for (int i = 0; i < 5; i++) {
					assertThat(send(HttpRequest.newBuilder(uri("/api/products/" + i)).GET()).statusCode())
						.isEqualTo(200);
				}
				assertThat(catalogB.hits()).as("an ejected instance gets no calls").isEqualTo(hitsOfTheEjected);
			}
			finally {
				catalogB.failing(false);
			}
			awaitBothCatalogInstancesInRotation();
		}

		@Test
		void anAnswerThatSaysWhenToComeBackIsPassedOnNotRetried() throws Exception {
			users.busy(true);
			try {
				int before = users.hits();

				HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/auth/jwks-probe")).GET());

				assertThat(response.statusCode()).isEqualTo(503);
				assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
				assertThat(users.hits() - before).as("no retry of an answer with Retry-After").isEqualTo(1);
			}
			finally {
				users.busy(false);
			}
		}

		@Test
		void aStalledInstanceIsPassedOverWhileTheOtherAnswers() throws Exception {
			awaitBothCatalogInstancesInRotation();
			catalogA.slow(true);
			try {
				HttpClient background = HttpClient.newHttpClient();
				var first = background.sendAsync(HttpRequest.newBuilder(uri("/api/products/1")).build(),
						BodyHandlers.ofString());
				var second = background.sendAsync(HttpRequest.newBuilder(uri("/api/products/2")).build(),
						BodyHandlers.ofString());
				Thread.sleep(600);
				for (int i = 0; i < 5; i++) {
					long started = System.nanoTime();
					HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/products/" + i)).GET());
					assertThat(response.statusCode()).isEqualTo(200);
					assertThat(body(response).path("port").asInt()).isEqualTo(catalogB.port());
					assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
				}
				first.join();
				second.join();
			}
			finally {
				catalogA.slow(false);
			}
			awaitBothCatalogInstancesInRotation();
		}

		@Test
		void callsBeyondWhatAServiceIsGivenAtOnceAreShedAtOnceWithRetryAfter() throws Exception {
			String token = tokens.customer();
			HttpClient parallel = HttpClient.newHttpClient();
			int before = orders.hits();
			long started = System.nanoTime();
			List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				calls.add(parallel.sendAsync(HttpRequest.newBuilder(uri("/api/orders/slow"))
					.header("Authorization", "Bearer " + token)
					.build(), BodyHandlers.ofString()));
			}
			List<HttpResponse<String>> shed = new ArrayList<>();
			for (CompletableFuture<HttpResponse<String>> call : calls) {
				HttpResponse<String> response = call.join();
				if (response.statusCode() == 503) {
					shed.add(response);
				}
				else {
					assertThat(response.statusCode()).as("admitted, then out of time").isEqualTo(504);
				}
			}

			assertThat(shed).hasSize(4);
			for (HttpResponse<String> response : shed) {
				assertProblem(response, 503, "overloaded");
				assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			}
			assertThat(orders.hits() - before).as("only the admitted calls reach the service").isEqualTo(2);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));
		}

		private HttpResponse<String> notificationsCall(String token) throws Exception {
			return send(
					HttpRequest.newBuilder(uri("/api/notifications")).header("Authorization", "Bearer " + token).GET());
		}

	}

	@Nested
	class RequestLimits {

		@Test
		void refusesADeclaredOversizedBodyWith413() throws Exception {
			int before = users.hits();

			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/users"))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"displayName\":\"" + "x".repeat(2048) + "\"}")));

			assertProblem(response, 413, "payload-too-large");
			assertThat(users.hits()).isEqualTo(before);
		}

		@Test
		void refusesAStreamedOversizedBodyWith413() throws Exception {
			byte[] oversized = ("{\"displayName\":\"" + "x".repeat(4096) + "\"}").getBytes();

			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/users"))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized))));

			assertProblem(response, 413, "payload-too-large");
		}

		@Test
		void passesABodyWithinTheLimit() throws Exception {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/users"))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"displayName\":\"Ada\"}")));

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(users.lastRequest().bodyLength()).isEqualTo("{\"displayName\":\"Ada\"}".length());
		}

	}

	/**
	 * Requests refused before any route is chosen, by Netty's HTTP decoder or by Spring
	 * Security's firewall, sent over a raw socket because HTTP clients refuse to send
	 * most of them.
	 */
	@Nested
	class MalformedRequests {

		@ParameterizedTest(name = "{0}")
		@MethodSource("io.bazaar.gateway.GatewayEdgeIntegrationTest#firewalledPaths")
		void aPathTheFirewallRefusesIsA400Problem(String kind, String path) throws Exception {
			int before = catalogA.hits() + catalogB.hits();

			RawResponse response = RawResponse.send(port,
					"GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\n\r\n");

			response.assertProblem(400, "rejected-request");
			assertThat(catalogA.hits() + catalogB.hits()).as("nothing reached the service").isEqualTo(before);
		}

		@Test
		void aRequestLineBeyondTheLimitIsA414Problem() throws Exception {
			RawResponse response = RawResponse.send(port, "GET /api/products?q=" + "x".repeat(9 * 1024)
					+ " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

			response.assertProblem(414, "uri-too-long");
		}

		@Test
		void headersBeyondTheLimitAreA431Problem() throws Exception {
			RawResponse response = RawResponse.send(port, "GET /api/products HTTP/1.1\r\nHost: localhost\r\n"
					+ "X-Padding: " + "x".repeat(9 * 1024) + "\r\nConnection: close\r\n\r\n");

			response.assertProblem(431, "headers-too-large");
		}

		@Test
		void aHeaderThatIsNotHttpIsA400Problem() throws Exception {
			RawResponse response = RawResponse.send(port,
					"GET /api/products HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n");

			response.assertProblem(400, "malformed-request");
		}

		@Test
		void aWellFormedRequestOnTheSameKindOfConnectionIsServed() throws Exception {
			RawResponse response = RawResponse.send(port,
					"GET /api/products HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

			assertThat(response.status()).isEqualTo(200);
		}

	}

	/**
	 * A client's connection kept open across requests, including ones it sends before the
	 * previous answer arrived (HTTP/1.1 pipelining, or a request sent as soon as an
	 * answer's last byte is read while the gateway still finishes the exchange).
	 */
	@Nested
	class KeepAlive {

		@Test
		void aConnectionIsStillReadAfterAPipelinedRequestAnsweredAtOnceFollowsAProxiedOne() throws Exception {
			try (Socket socket = new Socket("localhost", port)) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				InputStream in = socket.getInputStream();
				// The proxied read is answered later, on the service's answer; the
				// anonymous
				// call to an admin path, queued behind it, is refused at once.
				out.write(("GET /api/products HTTP/1.1\r\nHost: localhost\r\n\r\n"
						+ "GET /api/admin/orders/dead-letters HTTP/1.1\r\nHost: localhost\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				assertThat(RawResponse.readFrom(in).status()).isEqualTo(200);
				assertThat(RawResponse.readFrom(in).status()).isEqualTo(401);

				out.write(
						"GET /api/products HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				assertThat(RawResponse.readFrom(in).status()).as("the next request on the same connection is answered")
					.isEqualTo(200);
			}
		}

		@Test
		void manyRequestsInARowOnOneConnectionAreAllAnswered() throws Exception {
			try (Socket socket = new Socket("localhost", port)) {
				socket.setSoTimeout(10_000);
				for (int i = 0; i < 50; i++) {
					String path = (i % 2 == 0) ? "/api/products" : "/api/admin/orders/dead-letters";
					socket.getOutputStream()
						.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
							.getBytes(StandardCharsets.ISO_8859_1));
					assertThat(RawResponse.readFrom(socket.getInputStream()).status()).as("request %d, %s", i, path)
						.isEqualTo((i % 2 == 0) ? 200 : 401);
				}
			}
		}

	}

	static Stream<Arguments> publicRoutes() {
		return Stream.of(Arguments.of("/api/products", "catalog-service"),
				Arguments.of("/api/products/42", "catalog-service"), Arguments.of("/api/categories", "catalog-service"),
				Arguments.of("/api/auth/jwks-probe", "user-service"));
	}

	static Stream<Arguments> firewalledPaths() {
		return Stream.of(Arguments.of("encoded slash", "/api/products/a%2Fb"),
				Arguments.of("encoded slash, lower case", "/api/products/a%2fb"),
				Arguments.of("encoded NUL", "/api/products/a%00b"),
				Arguments.of("semicolon in a segment", "/api/products/a;b"),
				Arguments.of("path parameter", "/api/products;jsessionid=1"),
				Arguments.of("encoded dot segment", "/api/%2e%2e/products"));
	}

	static Stream<Arguments> adminRoutes() {
		return Stream.of(
				Arguments.of("GET", "/api/admin/catalog/dead-letters", "catalog-service", "/api/admin/dead-letters"),
				Arguments.of("POST", "/api/admin/orders/dead-letters/42/replay", "order-service",
						"/api/admin/dead-letters/42/replay"),
				Arguments.of("POST", "/api/admin/notifications/dead-letters/replay", "notification-service",
						"/api/admin/dead-letters/replay"),
				Arguments.of("GET", "/api/admin/notifications/deliveries/failed", "notification-service",
						"/api/admin/deliveries/failed"),
				Arguments.of("GET", "/api/admin/catalog/inventory/42", "catalog-service", "/api/inventory/42"));
	}

	static Stream<Arguments> badTokens() {
		UUID userId = UUID.randomUUID();
		return Stream.of(Arguments.of("expired", tokens.expired(userId)),
				Arguments.of("forged signature", tokens.forged(userId)),
				Arguments.of("signed by an unknown key", tokens.signedByUnknownKey(userId)),
				Arguments.of("issued by someone else", tokens.fromAnotherIssuer(userId)),
				Arguments.of("not a JWT", "not-a-token"));
	}

	private void awaitBothCatalogInstancesInRotation() {
		List<ServiceInstance> both = List.of(instance(catalogA), instance(catalogB));
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.upstreams.candidates("catalog-service", both, Set.of()).size() == 2
					&& this.upstreams.inFlight("catalog-service", both.get(0)) == 0
					&& this.upstreams.inFlight("catalog-service", both.get(1)) == 0);
	}

	private static ServiceInstance instance(StubService stub) {
		return new DefaultServiceInstance(null, "catalog-service", "127.0.0.1", stub.port(), false);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
	}

	private static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private static void assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = body(response);
		assertThat(problem.path("type").asString()).isEqualTo("https://bazaar.example/problems/" + type);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("detail").asString()).isNotBlank();
	}

}
