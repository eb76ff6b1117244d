package io.bazaar.deployment.kubernetes;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;

/**
 * Which service uses which in-cluster database, derived from each service's
 * {@code *_DB_URL}: the URL's host is a Service, and the pods that Service selects are
 * the database's.
 */
final class DatabaseOwners {

	private DatabaseOwners() {
	}

	/**
	 * Database workload name to the names of the service workloads whose URL points at
	 * it.
	 */
	static Map<String, Set<String>> of(Manifests manifests) {
		Map<String, Set<String>> owners = new TreeMap<>();
		for (Workload service : manifests.services()) {
			for (Container container : service.pod().getContainers()) {
				ContainerEnvironment.of(container, manifests).forEach((name, value) -> {
					if (name.endsWith("_DB_URL") && value.isPresent()) {
						host(value.get()).flatMap((host) -> manifests.find(Service.class, host))
							.ifPresent((databaseService) -> manifests.workloads()
								.stream()
								.filter((workload) -> LabelSelectors.selects(databaseService.getSpec().getSelector(),
										workload.podLabels()))
								.forEach((database) -> owners.computeIfAbsent(database.name(), (key) -> new TreeSet<>())
									.add(service.name())));
					}
				});
			}
		}
		return owners;
	}

	/** The host of a JDBC URL such as {@code jdbc:postgresql://users-db:5432/users}. */
	static Optional<String> host(String jdbcUrl) {
		if (!jdbcUrl.startsWith("jdbc:")) {
			return Optional.empty();
		}
		return Optional.ofNullable(URI.create(jdbcUrl.substring("jdbc:".length())).getHost());
	}

}
