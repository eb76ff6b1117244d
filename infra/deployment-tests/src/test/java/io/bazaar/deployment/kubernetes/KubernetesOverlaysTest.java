package io.bazaar.deployment.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.bazaar.deployment.Repository;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Renders every overlay under k8s/overlays with kubectl kustomize and checks the
 * platform's deployment invariants on the typed objects.
 */
class KubernetesOverlaysTest {

	static List<String> overlays() {
		try (Stream<Path> entries = Files.list(Repository.resolve("k8s/overlays"))) {
			return entries.filter((entry) -> Files.isRegularFile(entry.resolve("kustomization.yaml")))
				.map((entry) -> entry.getFileName().toString())
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list k8s/overlays", ex);
		}
	}

	static Manifests render(String overlay) {
		return Manifests.parse(Kustomize.render(Repository.resolve("k8s/overlays/" + overlay)));
	}

	@Test
	void devAndProdOverlaysExistAndEachDeclaresItsExternalSecrets() {
		assertThat(overlays()).contains("dev", "prod");
		assertThat(DeploymentInvariants.EXTERNAL_SECRETS.keySet())
			.as("every overlay must declare the Secrets it expects to exist (DeploymentInvariants.EXTERNAL_SECRETS)")
			.containsAll(overlays());
	}

	@TestFactory
	Stream<DynamicContainer> everyOverlayHoldsTheDeploymentInvariants() {
		return overlays().stream()
			.map((overlay) -> dynamicContainer(overlay,
					DeploymentInvariants.checks(DeploymentInvariants.EXTERNAL_SECRETS.getOrDefault(overlay, Set.of()))
						.stream()
						.map((check) -> dynamicTest(check.invariant(), () -> {
							List<String> violations = check.violations(render(overlay));
							assertThat(violations)
								.withFailMessage("k8s/overlays/%s breaks '%s':%n  %s", overlay, check.invariant(),
										String.join(System.lineSeparator() + "  ", violations))
								.isEmpty();
						}))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("overlays")
	void deploysEveryServiceOnceWithItsOwnServiceConfigMapAndAccount(String overlay) {
		Manifests manifests = render(overlay);
		assertThat(manifests.services()).extracting(Workload::name)
			.containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
		for (String service : Repository.SERVICES) {
			assertThat(manifests.find(Service.class, service)).as("Service %s", service).isPresent();
			assertThat(manifests.find(ConfigMap.class, service + "-config")).as("ConfigMap %s-config", service)
				.isPresent();
			assertThat(manifests.find(ServiceAccount.class, service)).as("ServiceAccount %s", service).isPresent();
		}
	}

	@Nested
	class Dev {

		private final Manifests manifests = render("dev");

		@Test
		void bringsItsOwnConsulKafkaRedisMailpitAndOneDatabasePerService() {
			assertThat(this.manifests.workloads()).extracting(Workload::name)
				.contains("consul", "kafka", "redis", "mailpit", "users-db", "catalog-db", "orders-db",
						"notifications-db");
			List<Workload> databases = this.manifests.workloads().stream().filter(Workload::isDatabase).toList();
			assertThat(databases).hasSize(4)
				.allSatisfy((database) -> assertThat(database.pod().getContainers().get(0).getImage())
					.startsWith("postgres:17"));
		}

		@Test
		void runsOneInstanceOfEachServiceAndTwoOfTheCatalog() {
			Map<String, Integer> replicas = this.manifests.services()
				.stream()
				.collect(Collectors.toMap(Workload::name, Workload::replicas, (a, b) -> a, TreeMap::new));
			assertThat(replicas).containsExactlyInAnyOrderEntriesOf(Map.of("gateway", 1, "user-service", 1,
					"catalog-service", 2, "order-service", 1, "notification-service", 1));
		}

		@Test
		void eachDatabaseUsesTheCredentialsItsServiceUsesAndItsDatabaseName() {
			Map<String, String> prefixes = Map.of("users-db", "USERS", "catalog-db", "CATALOG", "orders-db", "ORDERS",
					"notifications-db", "NOTIFICATIONS");
			Map<String, Set<String>> owners = DatabaseOwners.of(this.manifests);
			prefixes.forEach((database, prefix) -> {
				assertThat(owners.get(database)).as("services using %s", database).hasSize(1);
				Workload service = this.manifests.workload(owners.get(database).iterator().next()).orElseThrow();
				Container app = service.pod().getContainers().get(0);
				Container postgres = this.manifests.workload(database).orElseThrow().pod().getContainers().get(0);
				assertThat(secretOf(postgres, "POSTGRES_PASSWORD")).as("%s password Secret", database)
					.isEqualTo(secretOf(app, prefix + "_DB_PASSWORD"));
				assertThat(secretOf(postgres, "POSTGRES_USER")).as("%s user Secret", database)
					.isEqualTo(secretOf(app, prefix + "_DB_USER"));
				String url = ContainerEnvironment.of(app, this.manifests).get(prefix + "_DB_URL").orElseThrow();
				assertThat(url).as("%s_DB_URL", prefix).endsWith("/" + literal(postgres, "POSTGRES_DB"));
			});
		}

		@Test
		void redisIsABoundedCacheThatEvictsLeastRecentlyUsedKeys() {
			List<String> arguments = this.manifests.workload("redis")
				.orElseThrow()
				.pod()
				.getContainers()
				.get(0)
				.getArgs();
			assertThat(arguments).containsSequence("--maxmemory", "256mb")
				.containsSequence("--maxmemory-policy", "allkeys-lru");
		}

		@Test
		void generatesOnlyItsThrowawayCredentials() {
			assertThat(this.manifests.all(Secret.class)).extracting((secret) -> secret.getMetadata().getName())
				.allSatisfy((name) -> assertThat(name)
					.matches("(users|catalog|orders|notifications)-db-credentials-[a-z0-9]+|redis-credentials-[a-z0-9]+"
							+ "|user-service-secrets-[a-z0-9]+"))
				.hasSize(6);
		}

		private String secretOf(Container container, String variable) {
			return container.getEnv()
				.stream()
				.filter((env) -> env.getName().equals(variable))
				.map(EnvVar::getValueFrom)
				.filter((source) -> source != null && source.getSecretKeyRef() != null)
				.map((source) -> source.getSecretKeyRef().getName())
				.findFirst()
				.orElseThrow(() -> new AssertionError(container.getName() + " takes " + variable + " from no Secret"));
		}

		private String literal(Container container, String variable) {
			return container.getEnv()
				.stream()
				.filter((env) -> env.getName().equals(variable))
				.map(EnvVar::getValue)
				.findFirst()
				.orElseThrow(() -> new AssertionError(container.getName() + " has no " + variable));
		}

	}

	@Nested
	class Prod {

		private final Manifests manifests = render("prod");

		@Test
		void rendersNoSecret() {
			assertThat(this.manifests.all(Secret.class)).as("Secrets in the prod overlay").isEmpty();
		}

		@Test
		void documentsEveryExternalSecretWithTheKeysTheServicesRead() {
			String readme = Repository.read("k8s/overlays/prod/README.md");
			Map<String, Set<String>> keys = new TreeMap<>();
			for (Workload workload : this.manifests.workloads()) {
				for (Container container : workload.containers()) {
					for (EnvVar variable : (container.getEnv() != null) ? container.getEnv() : List.<EnvVar>of()) {
						Optional.ofNullable(variable.getValueFrom())
							.map((source) -> source.getSecretKeyRef())
							.ifPresent(
									(reference) -> keys.computeIfAbsent(reference.getName(), (name) -> new TreeSet<>())
										.add(reference.getKey()));
					}
				}
			}
			for (String secret : DeploymentInvariants.EXTERNAL_SECRETS.get("prod")) {
				assertThat(readme).as("k8s/overlays/prod/README.md documents Secret %s", secret).contains(secret);
			}
			keys.forEach((secret,
					secretKeys) -> secretKeys.forEach((key) -> assertThat(readme)
						.as("k8s/overlays/prod/README.md shows key %s of Secret %s", key, secret)
						.containsPattern("(?s)" + secret + ".{0,400}" + key)));
		}

		@Test
		void runsNoInfrastructureOfItsOwn() {
			assertThat(this.manifests.workloads()).allMatch(Workload::isPlatformService, "is one of the services");
		}

		@Test
		void keepsAtLeastTwoInstancesOfEveryServiceAndLeavesAutoscaledCountsToTheAutoscaler() {
			Map<String, Integer> minimum = new TreeMap<>();
			this.manifests.all(HorizontalPodAutoscaler.class)
				.forEach((autoscaler) -> minimum.put(autoscaler.getSpec().getScaleTargetRef().getName(),
						autoscaler.getSpec().getMinReplicas()));
			for (Deployment deployment : this.manifests.all(Deployment.class)) {
				String name = deployment.getMetadata().getName();
				if (minimum.containsKey(name)) {
					assertThat(deployment.getSpec().getReplicas()).as("%s replicas (autoscaled)", name).isNull();
					assertThat(minimum.get(name)).as("%s autoscaler minimum", name).isGreaterThanOrEqualTo(2);
				}
				else {
					assertThat(deployment.getSpec().getReplicas()).as("%s replicas", name).isGreaterThanOrEqualTo(2);
				}
			}
		}

		@Test
		void exposesOnlyTheApiAndTheSigningKeysThroughTheIngress() {
			List<String> paths = this.manifests.all(Ingress.class)
				.stream()
				.flatMap((ingress) -> ingress.getSpec().getRules().stream())
				.flatMap((rule) -> rule.getHttp().getPaths().stream())
				.map((path) -> path.getPath())
				.toList();
			assertThat(paths).as("Ingress paths (actuator endpoints must stay inside the cluster)")
				.containsExactlyInAnyOrder("/api", "/.well-known");
		}

		@Test
		void exportsTracesToTheCollector() {
			assertThat(this.manifests.find(ConfigMap.class, "platform-config").orElseThrow().getData())
				.containsKey("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT");
		}

	}

}
