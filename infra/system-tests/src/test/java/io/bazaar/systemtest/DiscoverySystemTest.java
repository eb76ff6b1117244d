package io.bazaar.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.bazaar.systemtest.platform.DatabaseLink;
import io.bazaar.systemtest.platform.Platform;
import io.bazaar.systemtest.platform.ServiceProcess;
import io.bazaar.testsupport.consul.ConsulAgentDouble;
import io.bazaar.testsupport.consul.ConsulRegistration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Discovery as deployments run it: two catalog-service instances and the gateway, each
 * its own process, register with a Consul agent (the {@link ConsulAgentDouble}, which
 * runs their readiness checks as Consul does) and the gateway balances over the instances
 * the agent lists as passing. An instance that crashes or loses its database leaves the
 * rotation within its check interval while reads keep being answered, and one that
 * recovers comes back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscoverySystemTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String CATALOG = "catalog-service";

	private static final String READ = "/api/categories";

	/** Shorter than the services' 10 s, so that the test sees several checks. */
	private static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);

	private static final Duration CHECK_TIMEOUT = Duration.ofMillis(1500);

	/**
	 * The longest an instance may take to leave or join the agent's passing list: until
	 * its next check, plus the check's own time, plus slack for a busy machine.
	 */
	private static final Duration WITHIN_A_CHECK = CHECK_INTERVAL.plus(CHECK_TIMEOUT).plusSeconds(2);

	/**
	 * The gateway asks discovery for the instances again this often
	 * ({@code spring.cloud.loadbalancer.cache.ttl}), plus slack.
	 */
	private static final Duration GATEWAY_REFRESH = Duration.ofSeconds(6);

	private static ConsulAgentDouble consul;

	private static Platform platform;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startPlatform() {
		consul = ConsulAgentDouble.start();
		platform = Platform.builder()
			.consulDiscovery(consul)
			.service(CATALOG, 2)
			.service("gateway")
			.databaseLink(CATALOG, 1)
			.setting(CATALOG, "spring.cloud.consul.discovery.health-check-interval", CHECK_INTERVAL.toSeconds() + "s")
			.setting(CATALOG, "spring.cloud.consul.discovery.health-check-timeout", CHECK_TIMEOUT.toMillis() + "ms")
			// without its database an instance reports itself not ready well within the
			// check's timeout, rather than after the pool's usual 5 s wait
			.setting(CATALOG, "spring.datasource.hikari.connection-timeout", "500")
			.start();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(passingPorts()).containsExactlyInAnyOrder(catalog(0).port(), catalog(1).port()));
		platform.awaitGatewayRoute(READ, Duration.ofSeconds(60));
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.close();
		}
		if (consul != null) {
			consul.close();
		}
	}

	@Test
	@Order(1)
	void bothInstancesRegisterPassTheirChecksAndShareTheReads() throws Exception {
		assertThat(consul.registrations()).filteredOn((registration) -> CATALOG.equals(registration.name()))
			.allSatisfy((registration) -> assertThat(registration.check().interval()).isEqualTo("2s"))
			.hasSize(2);
		long[] before = served();

		assertThat(read(40)).as("statuses of 40 reads through the gateway").containsOnly(200);

		long[] after = served();
		assertThat(after[0] - before[0]).as("reads answered by the first instance").isGreaterThanOrEqualTo(5);
		assertThat(after[1] - before[1]).as("reads answered by the second instance").isGreaterThanOrEqualTo(5);
	}

	@Test
	@Order(2)
	void anInstanceThatLosesItsDatabaseLeavesTheRotationAndComesBackWhenItRecovers() throws Exception {
		DatabaseLink link = platform.databaseLink(CATALOG, 1);
		link.cut();
		try {
			await().atMost(WITHIN_A_CHECK)
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(passingPorts()).containsExactly(catalog(0).port()));
			assertThat(consul.registrations()).as("still registered, only not passing")
				.filteredOn((registration) -> CATALOG.equals(registration.name()))
				.hasSize(2);
			JsonNode check = checkOf(catalog(1));
			assertThat(check.path("Status").asString()).as("the agent's check of the instance without its database")
				.isEqualTo("critical");
			assertThat(check.path("Output").asString()).as("its readiness answer")
				.contains(": 503 Output:")
				.contains("\"DOWN\"");

			Thread.sleep(GATEWAY_REFRESH.toMillis());
			long servedWhileUnready = catalog(1).requestsServed(READ);
			assertThat(read(20)).containsOnly(200);
			assertThat(catalog(1).requestsServed(READ)).as("reads sent to the unready instance")
				.isEqualTo(servedWhileUnready);
		}
		finally {
			link.restore();
		}

		await().atMost(WITHIN_A_CHECK.plusSeconds(5))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(
					() -> assertThat(passingPorts()).containsExactlyInAnyOrder(catalog(0).port(), catalog(1).port()));
		long servedWhenBack = catalog(1).requestsServed(READ);
		await().atMost(GATEWAY_REFRESH.plusSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			assertThat(read(1)).containsOnly(200);
			return catalog(1).requestsServed(READ) > servedWhenBack;
		});
	}

	@Test
	@Order(3)
	void aKilledInstanceLeavesTheRotationWithinItsCheckIntervalWhileReadsKeepAnswering() throws Exception {
		ServiceProcess second = catalog(1);
		second.kill();

		await().atMost(WITHIN_A_CHECK)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(passingPorts()).containsExactly(catalog(0).port()));

		assertThat(read(30)).as("statuses of reads once the instance has left the rotation").containsOnly(200);
		Thread.sleep(GATEWAY_REFRESH.toMillis());
		assertThat(read(30)).as("statuses of reads once the gateway has refreshed its list").containsOnly(200);
	}

	private static List<Integer> passingPorts() {
		return consul.passingInstances(CATALOG).stream().map(ConsulRegistration::port).toList();
	}

	/**
	 * The agent's check of an instance, as {@code /v1/health/checks/<service>} lists it.
	 */
	private JsonNode checkOf(ServiceProcess instance) throws Exception {
		JsonNode checks = json.readTree(
				this.http
					.send(HttpRequest
						.newBuilder(URI
							.create("http://" + consul.host() + ":" + consul.port() + "/v1/health/checks/" + CATALOG))
						.build(), BodyHandlers.ofString())
					.body());
		return checks.valueStream()
			.filter((check) -> check.path("Definition").path("HTTP").asString().contains(":" + instance.port() + "/"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No check of " + instance.baseUri() + " in " + checks));
	}

	private static ServiceProcess catalog(int index) {
		return platform.instance(CATALOG, index);
	}

	private static long[] served() {
		return new long[] { catalog(0).requestsServed(READ), catalog(1).requestsServed(READ) };
	}

	private List<Integer> read(int times) throws Exception {
		List<Integer> statuses = new ArrayList<>();
		HttpRequest request = HttpRequest.newBuilder(URI.create(platform.gateway() + READ))
			.timeout(Duration.ofSeconds(10))
			.build();
		for (int i = 0; i < times; i++) {
			statuses.add(this.http.send(request, BodyHandlers.discarding()).statusCode());
		}
		return statuses;
	}

}
