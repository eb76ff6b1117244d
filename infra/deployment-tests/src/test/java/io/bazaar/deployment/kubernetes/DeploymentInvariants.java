package io.bazaar.deployment.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bazaar.deployment.ApplicationSettings;
import io.bazaar.deployment.Repository;

/**
 * The platform's deployment invariants, and the few facts that differ between overlays.
 */
final class DeploymentInvariants {

	static final String ENTRY_POINT = "gateway";

	static final Set<String> AUTOSCALED = Set.of("gateway", "catalog-service", "order-service");

	/** Settings a service needs that its application.yml does not name. */
	static final Map<String, Set<String>> ADDITIONALLY_REQUIRED = Map.of("notification-service",
			Set.of("SPRING_MAIL_HOST", "SPRING_MAIL_PORT"));

	/** Workloads allowed a writable root filesystem, with the reason. */
	static final Map<String, String> WRITABLE_ROOT_FILESYSTEM = Map.of("kafka",
			"the apache/kafka image renders its configuration into /opt/kafka/config and /etc/kafka at start-up"
					+ " (development overlay only)");

	/**
	 * Secrets each overlay expects to be created outside the repository.
	 * overlays/prod/README.md documents every one of them.
	 */
	static final Map<String, Set<String>> EXTERNAL_SECRETS = Map.of("dev", Set.of(), "prod",
			Set.of("users-db-credentials", "catalog-db-credentials", "orders-db-credentials",
					"notifications-db-credentials", "redis-credentials", "user-service-secrets", "smtp-credentials",
					"bazaar-tls"));

	private DeploymentInvariants() {
	}

	static List<ManifestCheck> checks(Set<String> externalSecrets) {
		return List.of(new TypedObjectsCheck(), new ProbeCheck(), new ResourceCheck(),
				new SecurityContextCheck(WRITABLE_ROOT_FILESYSTEM), new ReferenceCheck(externalSecrets),
				new ImageCheck(Repository.projectVersion()), new ServiceSelectorCheck(), new ExposureCheck(ENTRY_POINT),
				new ScalingCheck(AUTOSCALED),
				new NetworkPolicyCheck(ENTRY_POINT, "ingress-nginx", Set.of("consul", "monitoring")),
				new SettingsCheck(ApplicationSettings::of, ADDITIONALLY_REQUIRED));
	}

}
