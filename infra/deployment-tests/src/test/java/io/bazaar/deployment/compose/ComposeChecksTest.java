package io.bazaar.deployment.compose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bazaar.deployment.ApplicationSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose checks flag the defects planted in fixtures/broken-compose.yml.
 */
class ComposeChecksTest {

	private final ComposeFile compose = ComposeFile.parse(fixture());

	private final ComposeChecks checks = new ComposeChecks(this.compose);

	@Test
	void flagsServicesWithoutOrWithDisabledHealthchecks() {
		assertThat(this.checks.healthchecks()).containsExactlyInAnyOrder("user-service: no healthcheck",
				"redis: no healthcheck");
	}

	@Test
	void flagsDependenciesThatDoNotWaitForHealthOrReachIntoAProfile() {
		assertThat(this.checks.dependencies()).containsExactlyInAnyOrder(
				"catalog-service: depends on redis with condition service_started, expected service_healthy",
				"catalog-service: depends on redis, which has no healthcheck",
				"catalog-service: depends on users-db with condition service_started, expected service_healthy",
				"user-service: depends on jaeger with condition service_started, expected service_healthy",
				"user-service: always starts but depends on jaeger, which only runs in profile(s) [observability]",
				"user-service: depends on ghost, which is not a service");
	}

	@Test
	void flagsSharedDatabasesAndMismatchedCredentials() {
		assertThat(this.checks.databasePerService(Map.of("user-service", "USERS", "catalog-service", "CATALOG")))
			.containsExactlyInAnyOrder(
					"found PostgreSQL services [users-db], expected one for each of [catalog-service, user-service]",
					"user-service and catalog-service share the database server users-db",
					"catalog-service: CATALOG_DB_URL database is catalog but users-db POSTGRES_DB is users",
					"catalog-service: CATALOG_DB_USER is catalog but users-db POSTGRES_USER is users",
					"catalog-service: CATALOG_DB_PASSWORD is catalog-secret but users-db POSTGRES_PASSWORD is users-secret",
					"user-service: does not wait for its database users-db")
			.hasSize(6);
	}

	@Test
	void flagsRedisWithoutEviction() {
		assertThat(this.checks.redisIsABoundedCache("redis")).containsExactly(
				"redis: --maxmemory-policy is noeviction, expected an evicting policy such as allkeys-lru");
	}

	@Test
	void flagsPortsPublishedByBackendServicesOrOnEveryInterface() {
		assertThat(this.checks.publishedPorts(Set.of("gateway"))).containsExactlyInAnyOrder(
				"gateway: publishes 8080:8080 on every interface, expected 127.0.0.1",
				"catalog-service: publishes 127.0.0.1:8082:8082; only [gateway] may");
	}

	@Test
	void flagsReplicasThatCannotCoexist() {
		assertThat(this.checks.replicas("catalog-service", 2)).containsExactlyInAnyOrder(
				"catalog-service: container_name prevents running 2 replicas",
				"catalog-service: a published host port prevents running 2 replicas");
	}

	@Test
	void flagsImagesWithAnotherTagOrBuild() {
		assertThat(this.checks.serviceImages(List.of("catalog-service"), "1.0.0")).containsExactlyInAnyOrder(
				"catalog-service: image is bazaar/catalog-service:0.9.0, expected bazaar/catalog-service:1.0.0",
				"catalog-service: build is {context=catalog-service}, expected context ., dockerfile infra/deploy/container/Dockerfile and args.SERVICE catalog-service");
	}

	@Test
	void flagsMissingSettingsAndSettingsPointingAtTheContainerItself() {
		assertThat(this.checks.settings(List.of("user-service"),
				(service) -> new ApplicationSettings(service, Set.of("USERS_DB_URL", "KAFKA_BOOTSTRAP_SERVERS"), 8081),
				Map.of()))
			.containsExactlyInAnyOrder("user-service: missing settings [KAFKA_BOOTSTRAP_SERVERS]",
					"user-service: REDIS_HOST=localhost points at the container itself");
	}

	@Test
	void flagsKafkaWithZooKeeper() {
		assertThat(this.checks.kafkaKraft("kafka")).containsExactlyInAnyOrder(
				"kafka: KAFKA_PROCESS_ROLES is '', expected broker,controller (KRaft)",
				"kafka: configured for ZooKeeper");
	}

	@Test
	void flagsObservabilityServicesOutsideTheProfile() {
		assertThat(this.checks.onlyInProfile("observability", List.of("jaeger", "prometheus", "grafana")))
			.containsExactlyInAnyOrder("prometheus: profiles are [], expected [observability]",
					"grafana: missing from the compose file");
	}

	@Test
	void interpolatesVariablesWithTheirDefaults() {
		assertThat(ComposeFile.interpolate("${A:-x}/${B-y}/${C}/$$HOME")).isEqualTo("x/y//$HOME");
	}

	private static String fixture() {
		try (InputStream input = ComposeChecksTest.class.getClassLoader()
			.getResourceAsStream("fixtures/broken-compose.yml")) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
