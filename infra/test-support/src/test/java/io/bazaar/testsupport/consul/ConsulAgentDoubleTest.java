package io.bazaar.testsupport.consul;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Consul agent double runs the health checks services register, against real HTTP
 * servers standing in for the services, and lists in its health answers only the
 * instances Consul would.
 */
class ConsulAgentDoubleTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Checks every 300 ms: "within one interval" below allows a few. */
	private static final Duration INTERVAL = Duration.ofMillis(300);

	private static final Duration WITHIN_AN_INTERVAL = Duration.ofSeconds(2);

	private final HttpClient http = HttpClient.newHttpClient();

	private ConsulAgentDouble agent;

	private StandInService service;

	@BeforeEach
	void start() {
		this.agent = ConsulAgentDouble.start();
		this.service = StandInService.start();
	}

	@AfterEach
	void stop() {
		this.service.stop();
		this.agent.close();
	}

	@Nested
	class HttpChecks {

		@Test
		void aHealthyInstanceIsListedAsPassingWithItsChecksAsConsulFormatsThem() throws Exception {
			register("catalog-service-1", "catalog-service",
					ServiceCheck.http(ConsulAgentDoubleTest.this.service, "1m"));

			await().atMost(WITHIN_AN_INTERVAL).until(() -> passingIds("catalog-service").contains("catalog-service-1"));

			JsonNode entry = get("/v1/health/service/catalog-service?passing=true").get(0);
			assertThat(entry.path("Service").path("Service").asString()).isEqualTo("catalog-service");
			assertThat(entry.path("Service").path("Port").asInt()).isEqualTo(ConsulAgentDoubleTest.this.service.port());
			assertThat(entry.path("Service").path("Tags").valueStream().map(JsonNode::asString)).contains("zone=a");
			assertThat(entry.path("Checks").valueStream().map((check) -> check.path("CheckID").asString()))
				.containsExactly("serfHealth", "service:catalog-service-1");
			JsonNode check = entry.path("Checks").get(1);
			assertThat(check.path("Status").asString()).isEqualTo("passing");
			assertThat(check.path("ServiceID").asString()).isEqualTo("catalog-service-1");
			assertThat(check.path("Output").asString()).contains("200");
			assertThat(ConsulAgentDoubleTest.this.service.checksReceived()).isPositive();
		}

		@Test
		void anInstanceAnswering503LeavesThePassingListWithinAnIntervalAndComesBackWhenItRecovers() {
			register("catalog-service-1", "catalog-service",
					ServiceCheck.http(ConsulAgentDoubleTest.this.service, "1m"));
			await().atMost(WITHIN_AN_INTERVAL).until(() -> passingIds("catalog-service").contains("catalog-service-1"));

			ConsulAgentDoubleTest.this.service.answer(503);

			await().atMost(WITHIN_AN_INTERVAL).until(() -> passingIds("catalog-service").isEmpty());
			assertThat(statusOf("catalog-service", "catalog-service-1")).as("still registered, but critical")
				.isEqualTo("critical");

			ConsulAgentDoubleTest.this.service.answer(200);

			await().atMost(WITHIN_AN_INTERVAL).until(() -> passingIds("catalog-service").contains("catalog-service-1"));
		}

		@Test
		void aStoppedInstanceRefusingConnectionsIsNotListed() {
			register("catalog-service-1", "catalog-service",
					ServiceCheck.http(ConsulAgentDoubleTest.this.service, "1m"));
			await().atMost(WITHIN_AN_INTERVAL).until(() -> passingIds("catalog-service").contains("catalog-service-1"));

			ConsulAgentDoubleTest.this.service.stop();

			await().atMost(WITHIN_AN_INTERVAL).until(() -> passingIds("catalog-service").isEmpty());
			assertThat(statusOf("catalog-service", "catalog-service-1")).isEqualTo("critical");
		}

		@Test
		void anInstanceSlowerThanTheCheckTimeoutIsCritical() {
			register("catalog-service-1", "catalog-service",
					ServiceCheck.http(ConsulAgentDoubleTest.this.service, "1m"));
			await().atMost(WITHIN_AN_INTERVAL).until(() -> passingIds("catalog-service").contains("catalog-service-1"));

			ConsulAgentDoubleTest.this.service.delay(Duration.ofMillis(800));

			await().atMost(WITHIN_AN_INTERVAL)
				.until(() -> "critical".equals(statusOf("catalog-service", "catalog-service-1")));
			assertThat(passingIds("catalog-service")).isEmpty();
			assertThat(checkOf("catalog-service", "catalog-service-1").path("Output").asString())
				.contains("deadline exceeded");
		}

		@Test
		void anInstanceAnswering429IsWarningAndNotPassing() {
			ConsulAgentDoubleTest.this.service.answer(429);
			register("catalog-service-1", "catalog-service",
					ServiceCheck.http(ConsulAgentDoubleTest.this.service, "1m"));

			await().atMost(WITHIN_AN_INTERVAL)
				.until(() -> "warning".equals(statusOf("catalog-service", "catalog-service-1")));
			assertThat(passingIds("catalog-service")).isEmpty();
		}

		@Test
		void anInstanceCriticalForLongerThanItAllowsIsDeregistered() {
			ConsulAgentDoubleTest.this.service.answer(503);
			register("catalog-service-1", "catalog-service",
					ServiceCheck.http(ConsulAgentDoubleTest.this.service, "1s"));

			await().atMost(Duration.ofSeconds(5))
				.until(() -> ConsulAgentDoubleTest.this.agent.registrations().isEmpty());
			assertThat(get("/v1/health/service/catalog-service")).isEmpty();
		}

		@Test
		void onlyTheHealthyOfTwoInstancesIsListedAndBothWithoutThePassingFilter() {
			StandInService other = StandInService.start();
			try {
				other.answer(503);
				register("catalog-service-1", "catalog-service",
						ServiceCheck.http(ConsulAgentDoubleTest.this.service, "1m"));
				register("catalog-service-2", "catalog-service", ServiceCheck.http(other, "1m"));

				await().atMost(WITHIN_AN_INTERVAL)
					.untilAsserted(
							() -> assertThat(passingIds("catalog-service")).containsExactly("catalog-service-1"));
				assertThat(get("/v1/health/service/catalog-service?passing=false")).hasSize(2);
				assertThat(get("/v1/health/service/catalog-service?passing=true&tag=zone%3Da")).hasSize(1);
				assertThat(get("/v1/health/service/catalog-service?tag=zone%3Db")).isEmpty();
				assertThat(ConsulAgentDoubleTest.this.agent.passingInstances("catalog-service"))
					.extracting(ConsulRegistration::id)
					.containsExactly("catalog-service-1");
			}
			finally {
				other.stop();
			}
		}

	}

	@Nested
	class TtlChecks {

		@Test
		void aTtlCheckIsCriticalUntilReportedAndAgainWhenReportsStop() throws Exception {
			register("order-service-1", "order-service", "{\"TTL\":\"1s\"}");
			assertThat(statusOf("order-service", "order-service-1")).isEqualTo("critical");

			assertThat(put("/v1/agent/check/pass/service:order-service-1").statusCode()).isEqualTo(200);
			assertThat(passingIds("order-service")).containsExactly("order-service-1");

			assertThat(put("/v1/agent/check/warn/service:order-service-1").statusCode()).isEqualTo(200);
			assertThat(statusOf("order-service", "order-service-1")).isEqualTo("warning");

			put("/v1/agent/check/pass/service:order-service-1");
			await().atMost(Duration.ofSeconds(4))
				.until(() -> "critical".equals(statusOf("order-service", "order-service-1")));
			assertThat(checkOf("order-service", "order-service-1").path("Output").asString()).contains("TTL expired");
		}

		@Test
		void reportsOnUnknownChecksOrChecksTheAgentRunsAreRefused() throws Exception {
			register("catalog-service-1", "catalog-service",
					ServiceCheck.http(ConsulAgentDoubleTest.this.service, "1m"));

			assertThat(put("/v1/agent/check/pass/service:nobody").statusCode()).isEqualTo(404);
			assertThat(put("/v1/agent/check/fail/service:catalog-service-1").statusCode()).isEqualTo(500);
		}

	}

	@Nested
	class BlockingQueries {

		@Test
		void aQueryAtTheCurrentIndexWaitsForTheNextChange() throws Exception {
			HttpResponse<String> first = getResponse("/v1/health/service/catalog-service?passing=true");
			long index = Long.parseLong(first.headers().firstValue("X-Consul-Index").orElseThrow());

			new Thread(() -> register("catalog-service-1", "catalog-service",
					ServiceCheck.http(ConsulAgentDoubleTest.this.service, "1m")))
				.start();
			long started = System.nanoTime();
			HttpResponse<String> next = getResponse("/v1/health/service/catalog-service?index=" + index + "&wait=10s");

			assertThat(Long.parseLong(next.headers().firstValue("X-Consul-Index").orElseThrow())).isGreaterThan(index);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}

		@Test
		void aQueryAtTheCurrentIndexAnswersWhenItsWaitIsOver() throws Exception {
			long index = Long
				.parseLong(getResponse("/v1/catalog/services").headers().firstValue("X-Consul-Index").orElseThrow());

			long started = System.nanoTime();
			HttpResponse<String> next = getResponse("/v1/catalog/services?wait=1s&index=" + index);

			assertThat(next.statusCode()).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900),
					Duration.ofSeconds(5));
		}

	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "10s, 10000", "1m30s, 90000", "500ms, 500", "1h, 3600000", "1.5s, 1500", "2000000, 2" })
	void readsDurationsAsConsulWritesThem(String text, long millis) {
		assertThat(AgentCheck.duration(text)).isEqualTo(Duration.ofMillis(millis));
	}

	/**
	 * Registers an instance as Spring Cloud Consul does, with the check given as JSON.
	 */
	private void register(String id, String name, String check) {
		String body = """
				{"ID":"%s","Name":"%s","Tags":["zone=a"],"Address":"127.0.0.1","Meta":{"zone":"a"},"Port":%d,
				 "EnableTagOverride":null,"Check":%s,"Checks":null}""".formatted(id, name, this.service.port(), check);
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(ConsulHttp.uri(this.agent, "/v1/agent/service/register"))
					.PUT(BodyPublishers.ofString(body))
					.build(), BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private List<String> passingIds(String service) {
		return get("/v1/health/service/" + service + "?passing=true").valueStream()
			.map((entry) -> entry.path("Service").path("ID").asString())
			.toList();
	}

	private String statusOf(String service, String id) {
		return checkOf(service, id).path("Status").asString();
	}

	private JsonNode checkOf(String service, String id) {
		return get("/v1/health/service/" + service).valueStream()
			.filter((entry) -> entry.path("Service").path("ID").asString().equals(id))
			.flatMap((entry) -> entry.path("Checks").valueStream())
			.filter((check) -> check.path("ServiceID").asString().equals(id))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No check of " + id));
	}

	private JsonNode get(String path) {
		return ConsulHttp.get(this.agent, path);
	}

	private HttpResponse<String> getResponse(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(ConsulHttp.uri(this.agent, path)).build(),
				BodyHandlers.ofString());
	}

	private HttpResponse<String> put(String path) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(ConsulHttp.uri(this.agent, path)).PUT(BodyPublishers.noBody()).build(),
				BodyHandlers.ofString());
	}

	/** The HTTP check definitions Spring Cloud Consul sends. */
	private static final class ServiceCheck {

		static String http(StandInService service, String deregisterAfter) {
			return """
					{"HTTP":"http://127.0.0.1:%d/actuator/health/readiness","Interval":"%dms","Timeout":"400ms",
					 "DeregisterCriticalServiceAfter":"%s","Header":{},"TLSSkipVerify":null,"TTL":null}"""
				.formatted(service.port(), INTERVAL.toMillis(), deregisterAfter);
		}

	}

	/**
	 * A real HTTP server standing in for a service's readiness endpoint, answering as
	 * told.
	 */
	private static final class StandInService {

		private final HttpServer server;

		private volatile int status = 200;

		private volatile Duration delay = Duration.ZERO;

		private volatile int checksReceived;

		private StandInService(HttpServer server) {
			this.server = server;
		}

		static StandInService start() {
			try {
				StandInService service = new StandInService(
						HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
				service.server.createContext("/actuator/health/readiness", (exchange) -> {
					try (exchange) {
						service.checksReceived++;
						Thread.sleep(service.delay.toMillis());
						byte[] body = ("{\"status\":\"" + ((service.status == 200) ? "UP" : "DOWN") + "\"}").getBytes();
						exchange.sendResponseHeaders(service.status, body.length);
						exchange.getResponseBody().write(body);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
				service.server.setExecutor(Executors.newCachedThreadPool());
				service.server.start();
				return service;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		void answer(int status) {
			this.status = status;
		}

		void delay(Duration delay) {
			this.delay = delay;
		}

		int checksReceived() {
			return this.checksReceived;
		}

		void stop() {
			this.server.stop(0);
		}

	}

}
