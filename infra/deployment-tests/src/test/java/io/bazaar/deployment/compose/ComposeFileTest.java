package io.bazaar.deployment.compose;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bazaar.deployment.ApplicationSettings;
import io.bazaar.deployment.Repository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's docker-compose.yml: everything {@code docker compose up} starts is
 * healthy before anything that needs it starts, and each service has its own database.
 */
class ComposeFileTest {

	static final Map<String, String> DATABASE_PREFIXES = Map.of("user-service", "USERS", "catalog-service", "CATALOG",
			"order-service", "ORDERS", "notification-service", "NOTIFICATIONS");

	private final ComposeFile compose = ComposeFile.parse(Repository.read("docker-compose.yml"));

	private final ComposeChecks checks = new ComposeChecks(this.compose);

	@Test
	void everyServiceHasAHealthcheck() {
		assertThat(this.checks.healthchecks()).isEmpty();
	}

	@Test
	void dependenciesWaitUntilTheyAreHealthy() {
		assertThat(this.checks.dependencies()).isEmpty();
	}

	@Test
	void eachServiceHasItsOwnPostgreSQL() {
		assertThat(this.checks.databasePerService(DATABASE_PREFIXES)).isEmpty();
	}

	@Test
	void redisIsABoundedLeastRecentlyUsedCache() {
		assertThat(this.checks.redisIsABoundedCache("redis")).isEmpty();
		assertThat(this.compose.command("redis")).containsSequence("--maxmemory-policy", "allkeys-lru");
	}

	@Test
	void onlyTheGatewayAndTheDemoUserInterfacesPublishPortsOnLoopback() {
		assertThat(this.checks.publishedPorts(Set.of("gateway", "mailpit", "consul", "grafana"))).isEmpty();
		assertThat(this.compose.ports("gateway")).containsExactly("127.0.0.1:8080:8080");
	}

	@Test
	void theCatalogRunsTwoReplicas() {
		assertThat(this.checks.replicas("catalog-service", 2)).isEmpty();
	}

	@Test
	void servicesAreBuiltFromTheOneDockerfileAndTaggedWithTheBuildVersion() {
		assertThat(this.checks.serviceImages(Repository.SERVICES, Repository.projectVersion())).isEmpty();
	}

	@Test
	void servicesGetTheSettingsTheirApplicationYamlRequires() {
		assertThat(this.checks.settings(Repository.SERVICES, ApplicationSettings::of,
				Map.of("notification-service", Set.of("SPRING_MAIL_HOST", "SPRING_MAIL_PORT"))))
			.isEmpty();
		assertThat(this.compose.environment("notification-service")).containsEntry("SPRING_MAIL_HOST", "mailpit")
			.containsEntry("SPRING_MAIL_PORT", "1025");
	}

	@Test
	void kafkaRunsInKraftMode() {
		assertThat(this.checks.kafkaKraft("kafka")).isEmpty();
	}

	@Test
	void prometheusGrafanaAndJaegerRunOnlyInTheObservabilityProfile() {
		assertThat(this.checks.onlyInProfile("observability", List.of("prometheus", "grafana", "jaeger"))).isEmpty();
	}

	@Test
	void servicesExportTracesToJaegerOnlyWhenAskedTo() {
		for (String service : Repository.SERVICES) {
			assertThat(this.compose.environment(service))
				.containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://jaeger:4318/v1/traces")
				.containsEntry("MANAGEMENT_TRACING_EXPORT_OTLP_ENABLED", "false");
		}
	}

}
