package io.bazaar.testsupport.consul;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.bazaar.testsupport.ServiceInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service promises Consul: it registers under its name with an instance id of
 * its own (so two instances coexist), an HTTP health check on its readiness group that
 * the agent finds passing, and version and zone tags; it reads optional configuration
 * from Consul's key/value store; it deregisters on shutdown. Each service runs this
 * contract against an agent of its choice by extending it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ConsulRegistrationContract {

	private static final String ZONE = "zone-test-a";

	private static final String KV_PROPERTY = "bazaar.consul-probe";

	private final Class<?> application;

	private final String serviceName;

	private final boolean hasDatabase;

	private final Supplier<ConsulAgent> agentFactory;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private ConsulAgent agent;

	protected ConsulRegistrationContract(Class<?> application, String serviceName, boolean hasDatabase,
			Supplier<ConsulAgent> agentFactory) {
		this.application = application;
		this.serviceName = serviceName;
		this.hasDatabase = hasDatabase;
		this.agentFactory = agentFactory;
	}

	@BeforeAll
	void startTwoInstances() {
		this.agent = this.agentFactory.get();
		this.agent.putKeyValue("config/" + this.serviceName + "/" + KV_PROPERTY, "read-from-consul-kv");
		ServiceInfrastructure infrastructure = ServiceInfrastructure.forService(this.serviceName, this.hasDatabase);
		this.instances.add(startInstance(infrastructure));
		this.instances.add(startInstance(infrastructure));
	}

	@AfterAll
	void stopEverything() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		if (this.agent != null) {
			this.agent.close();
		}
	}

	@Test
	@Order(1)
	void registersUnderItsNameWithHealthCheckAndTags() throws Exception {
		ConsulRegistration registration = registrationOf(this.instances.get(0));

		assertThat(registration.name()).isEqualTo(this.serviceName);
		assertThat(registration.id()).startsWith(this.serviceName + "-").isNotEqualTo(this.serviceName);
		assertThat(registration.tags()).contains("version=" + System.getProperty("project.version"), "zone=" + ZONE);
		assertThat(registration.meta()).containsEntry("zone", ZONE);
		assertThat(registration.check()).isNotNull();
		assertThat(registration.check().http())
			.isEqualTo("http://127.0.0.1:" + registration.port() + "/actuator/health/readiness");
		assertThat(registration.check().interval()).isEqualTo("10s");
		assertThat(registration.check().deregisterCriticalServiceAfter()).isNotBlank();

		HttpResponse<String> probe = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(registration.check().http())).build(), BodyHandlers.ofString());
		assertThat(probe.statusCode()).as("the check Consul runs against the instance").isEqualTo(200);
		assertThat(probe.body()).contains("\"status\":\"UP\"");
	}

	@Test
	@Order(2)
	void twoInstancesOfOneServiceCoexist() {
		List<ConsulRegistration> registrations = registrationsOfThisService();

		assertThat(registrations).hasSize(2);
		assertThat(registrations).extracting(ConsulRegistration::id).doesNotHaveDuplicates();
		assertThat(registrations).extracting(ConsulRegistration::port)
			.containsExactlyInAnyOrder(portOf(this.instances.get(0)), portOf(this.instances.get(1)));
	}

	@Test
	@Order(3)
	void theAgentFindsBothInstancesPassingTheirReadinessChecks() {
		// Consul runs a new check within one interval (10 s)
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(this.agent.passingInstances(this.serviceName)).extracting(ConsulRegistration::port)
						.containsExactlyInAnyOrder(portOf(this.instances.get(0)), portOf(this.instances.get(1))));
	}

	@Test
	@Order(4)
	void readsOptionalConfigurationFromConsulKeyValueStore() {
		assertThat(this.instances.get(0).getEnvironment().getProperty(KV_PROPERTY)).isEqualTo("read-from-consul-kv");
	}

	@Test
	@Order(5)
	void deregistersOnShutdown() {
		ConfigurableApplicationContext stopping = this.instances.remove(1);
		String stoppingId = registrationOf(stopping).id();

		stopping.close();

		assertThat(registrationsOfThisService()).extracting(ConsulRegistration::id)
			.hasSize(1)
			.doesNotContain(stoppingId);
	}

	private ConfigurableApplicationContext startInstance(ServiceInfrastructure infrastructure) {
		List<String> args = new ArrayList<>();
		infrastructure.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
		args.add("--server.port=0");
		args.add("--spring.cloud.consul.host=" + this.agent.host());
		args.add("--spring.cloud.consul.port=" + this.agent.port());
		args.add("--spring.cloud.consul.discovery.ip-address=127.0.0.1");
		args.add("--spring.cloud.consul.discovery.prefer-ip-address=true");
		args.add("--platform.zone=" + ZONE);
		return new SpringApplicationBuilder(this.application).run(args.toArray(String[]::new));
	}

	private ConsulRegistration registrationOf(ConfigurableApplicationContext instance) {
		int port = portOf(instance);
		return registrationsOfThisService().stream()
			.filter((registration) -> registration.port() == port)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No registration for " + this.serviceName + " on port " + port
					+ " in " + this.agent.registrations()));
	}

	private List<ConsulRegistration> registrationsOfThisService() {
		return this.agent.registrations()
			.stream()
			.filter((registration) -> this.serviceName.equals(registration.name()))
			.toList();
	}

	private static int portOf(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

}
