package io.bazaar.deployment.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import io.bazaar.deployment.ApplicationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each check flags the defects planted in fixtures/broken-manifests.yaml, so a check that
 * has stopped looking cannot pass the real overlays unnoticed.
 */
class ManifestChecksTest {

	private final Manifests broken = Manifests.parse(fixture("fixtures/broken-manifests.yaml"));

	@Test
	void typedObjectsCheckFlagsUnknownKindsAndMisspeltFields() {
		assertThat(new TypedObjectsCheck().violations(this.broken))
			.anySatisfy(
					(violation) -> assertThat(violation).contains("Deploymnet/misspelt-kind", "not a Kubernetes kind"))
			.anySatisfy((violation) -> assertThat(violation).contains("Deployment/catalog-service",
					"unknown field(s) [imagePullPolicyy]"));
	}

	@Test
	void probeCheckFlagsMissingAndMisdirectedProbes() {
		assertThat(new ProbeCheck().violations(this.broken)).containsExactlyInAnyOrder(
				"Deployment/catalog-service container catalog-service: startupProbe missing, expected GET /actuator/health/liveness",
				"Deployment/catalog-service container catalog-service: readinessProbe GETs /actuator/health, expected /actuator/health/readiness",
				"Deployment/catalog-service container catalog-service: livenessProbe probes port 9999, which is not a port of the container",
				"StatefulSet/users-db container postgres: no readinessProbe",
				"StatefulSet/users-db container postgres: no livenessProbe");
	}

	@Test
	void resourceCheckFlagsMissingLimitsAndRequestsAboveLimits() {
		assertThat(new ResourceCheck().violations(this.broken)).containsExactlyInAnyOrder(
				"Deployment/catalog-service container catalog-service: no cpu limit",
				"Deployment/catalog-service container catalog-service: requests 1Gi of memory, above its limit of 512Mi");
	}

	@Test
	void securityContextCheckFlagsRootCapableWritableContainers() {
		assertThat(new SecurityContextCheck(Map.of()).violations(this.broken))
			.allSatisfy((violation) -> assertThat(violation).startsWith("Deployment/catalog-service"))
			.anySatisfy((violation) -> assertThat(violation).contains("automountServiceAccountToken must be false"))
			.anySatisfy((violation) -> assertThat(violation).contains("runAsNonRoot is not true"))
			.anySatisfy((violation) -> assertThat(violation).contains("seccomp profile is null"))
			.anySatisfy((violation) -> assertThat(violation).contains("allowPrivilegeEscalation is not false"))
			.anySatisfy((violation) -> assertThat(violation).contains("does not drop ALL capabilities"))
			.anySatisfy((violation) -> assertThat(violation).contains("root filesystem is writable"))
			.anySatisfy(
					(violation) -> assertThat(violation).contains("runs as user null, expected the image's user 10001"))
			.anySatisfy((violation) -> assertThat(violation).contains("no emptyDir mounted at /tmp"));
	}

	@Test
	void securityContextCheckAcceptsADeclaredWritableRootFilesystemOnly() {
		assertThat(new SecurityContextCheck(Map.of("catalog-service", "a reason")).violations(this.broken))
			.noneSatisfy((violation) -> assertThat(violation).contains("root filesystem is writable"));
	}

	@Test
	void referenceCheckFlagsMissingConfigMapsSecretsKeysAndAccounts() {
		assertThat(new ReferenceCheck(Set.of()).violations(this.broken)).containsExactlyInAnyOrder(
				"Deployment/catalog-service: service account ghost is not defined",
				"Deployment/catalog-service container catalog-service envFrom: ConfigMap missing-config does not exist",
				"Deployment/catalog-service container catalog-service env CATALOG_DB_PASSWORD: Secret catalog-db-credentials has no key pass (keys: [password])",
				"Ingress/user-service tls: Secret missing-tls does not exist and is not one of the overlay's external Secrets []");
	}

	@Test
	void referenceCheckAcceptsDeclaredExternalSecretsButNotRenderedOrUnusedOnes() {
		assertThat(new ReferenceCheck(Set.of("missing-tls", "catalog-db-credentials", "never-used"))
			.violations(this.broken))
			.noneSatisfy((violation) -> assertThat(violation).contains("Secret missing-tls does not exist"))
			.contains(
					"Secret/catalog-db-credentials is rendered, but this overlay expects it to be created outside the repository",
					"Secret/never-used is declared external but nothing refers to it (stale declaration)");
	}

	@Test
	void imageCheckFlagsUnpinnedImagesAndTagsOtherThanTheBuildVersion() {
		assertThat(new ImageCheck("2.0.0").violations(this.broken)).containsExactlyInAnyOrder(
				"Deployment/catalog-service container catalog-service: image tag 0.0.9 differs from the build version 2.0.0 (k8s/base/kustomization.yaml images: newTag)",
				"Deployment/user-service container user-service: image tag 1.0.0 differs from the build version 2.0.0 (k8s/base/kustomization.yaml images: newTag)",
				"StatefulSet/users-db container postgres: image postgres has no tag");
	}

	@Test
	void serviceSelectorCheckFlagsServicesWithoutPodsOrPorts() {
		assertThat(new ServiceSelectorCheck().violations(this.broken)).containsExactlyInAnyOrder(
				"Service/catalog-service: target port web is not a port of Deployment/catalog-service's containers",
				"Service/orphan: selector {app.kubernetes.io/name=nothing} matches no Deployment or StatefulSet pods");
	}

	@Test
	void exposureCheckFlagsIngressesAndLoadBalancersForAnythingButTheEntryPoint() {
		assertThat(new ExposureCheck("gateway").violations(this.broken)).containsExactlyInAnyOrder(
				"Ingress/user-service: routes to Service user-service; only the gateway may be exposed",
				"Service/user-service: type LoadBalancer exposes it outside the cluster; only the Ingress may");
	}

	@Test
	void scalingCheckFlagsDanglingAutoscalersReplicaConflictsAndMissingBudgets() {
		assertThat(new ScalingCheck(Set.of("gateway")).violations(this.broken)).containsExactlyInAnyOrder(
				"HorizontalPodAutoscaler/ghost: targets Deployment/ghost, which does not exist",
				"HorizontalPodAutoscaler/user-service: Deployment/user-service declares 3 replicas but the autoscaler's minimum is 2",
				"autoscaled Deployments are [ghost, user-service], expected [gateway]",
				"Deployment/catalog-service: covered by 0 PodDisruptionBudgets, expected exactly 1",
				"Deployment/user-service: covered by 0 PodDisruptionBudgets, expected exactly 1");
	}

	@Test
	void networkPolicyCheckFlagsOpenDatabasesForeignNamespacesAndAddressRanges() {
		assertThat(new NetworkPolicyCheck("gateway", "ingress-nginx", Set.of("monitoring")).violations(this.broken))
			.containsExactlyInAnyOrder(
					"no default-deny ingress NetworkPolicy (empty podSelector, policyTypes [Ingress], no rules)",
					"NetworkPolicy/catalog-from-kube-system for Deployment/catalog-service: admits namespace kube-system; allowed are ingress-nginx (entry point only) and [monitoring]",
					"NetworkPolicy/catalog-from-kube-system for Deployment/catalog-service: admits the address range 0.0.0.0/0",
					"NetworkPolicy/user-service-from-ingress for Deployment/user-service: admits the ingress controller; only the gateway may",
					"StatefulSet/orders-db: used by [], expected exactly one service",
					"StatefulSet/users-db: reachable from [catalog-service, user-service], expected only its own service [user-service]");
	}

	@Test
	void settingsCheckFlagsMissingSettingsServiceLinksAndUnknownHosts() {
		Map<String, ApplicationSettings> settings = Map.of("catalog-service",
				new ApplicationSettings("catalog-service",
						Set.of("CATALOG_DB_URL", "CATALOG_DB_PASSWORD", "REDIS_HOST", "KAFKA_BOOTSTRAP_SERVERS"), 8082),
				"user-service", new ApplicationSettings("user-service", Set.of("USERS_DB_URL"), 8080));
		assertThat(new SettingsCheck(settings::get, Map.of("user-service", Set.of("SPRING_MAIL_HOST")))
			.violations(this.broken)).containsExactlyInAnyOrder(
					"Deployment/catalog-service: enableServiceLinks must be false (service links inject variables such as REDIS_PORT=tcp://... that collide with the service's settings)",
					"Deployment/catalog-service container catalog-service: missing settings [KAFKA_BOOTSTRAP_SERVERS] (required by catalog-service's application.yml)",
					"Deployment/catalog-service container catalog-service: CATALOG_DB_URL points at catalog-db, which is not a Service of this overlay",
					"Deployment/catalog-service container catalog-service: REDIS_HOST points at redis, which is not a Service of this overlay",
					"Deployment/user-service container user-service: missing settings [SPRING_MAIL_HOST] (required by user-service's application.yml)",
					"Deployment/user-service container user-service: the service listens on 8080, which the container does not declare");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(nullValues = "-",
			value = { "bazaar/gateway:0.1.0, bazaar/gateway, 0.1.0, -",
					"registry.example.com:5000/bazaar/gateway:1.2, registry.example.com:5000/bazaar/gateway, 1.2, -",
					"registry.example.com:5000/bazaar/gateway, registry.example.com:5000/bazaar/gateway, -, -",
					"postgres:17@sha256:abc, postgres, 17, sha256:abc", "redis@sha256:abc, redis, -, sha256:abc" })
	void imageReferencesSplitIntoRepositoryTagAndDigest(String image, String repository, String tag, String digest) {
		assertThat(ImageCheck.ImageReference.parse(image))
			.isEqualTo(new ImageCheck.ImageReference(repository, tag, digest));
	}

	private static String fixture(String name) {
		try (InputStream input = ManifestChecksTest.class.getClassLoader().getResourceAsStream(name)) {
			if (input == null) {
				throw new IllegalStateException("No test resource " + name);
			}
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
