package io.bazaar.deployment.kubernetes;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.bazaar.deployment.ApplicationSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;

/**
 * Each service's container gets every setting its {@code application.yml} cannot do
 * without, listens on the port the service uses, and runs without service links (whose
 * injected {@code REDIS_PORT} style variables would collide with those settings); every
 * in-cluster host the settings name is a Service of the rendered output.
 */
public final class SettingsCheck implements ManifestCheck {

	private final Function<String, ApplicationSettings> settings;

	private final Map<String, Set<String>> additionallyRequired;

	/**
	 * @param settings reads a service's application settings by service name
	 * @param additionallyRequired per service, variables required beyond its
	 * application.yml
	 */
	public SettingsCheck(Function<String, ApplicationSettings> settings,
			Map<String, Set<String>> additionallyRequired) {
		this.settings = settings;
		this.additionallyRequired = Map.copyOf(additionallyRequired);
	}

	@Override
	public String invariant() {
		return "every service gets the settings its application.yml requires, pointing at hosts that exist";
	}

	@Override
	public List<String> violations(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		Set<String> services = new HashSet<>();
		manifests.all(Service.class).forEach((service) -> services.add(service.getMetadata().getName()));
		for (Workload workload : manifests.services()) {
			ApplicationSettings application = this.settings.apply(workload.name());
			if (!Boolean.FALSE.equals(workload.pod().getEnableServiceLinks())) {
				violations.add(workload + ": enableServiceLinks must be false (service links inject variables such"
						+ " as REDIS_PORT=tcp://... that collide with the service's settings)");
			}
			Container container = workload.pod().getContainers().get(0);
			String where = workload + " container " + container.getName() + ": ";
			Map<String, Optional<String>> environment = ContainerEnvironment.of(container, manifests);
			Set<String> required = new TreeSet<>(application.required());
			required.addAll(this.additionallyRequired.getOrDefault(workload.name(), Set.of()));
			Set<String> missing = new TreeSet<>(required);
			missing.removeAll(environment.keySet());
			if (!missing.isEmpty()) {
				violations.add(where + "missing settings " + missing + " (required by " + application.service()
						+ "'s application.yml)");
			}
			int port = environment.getOrDefault("PORT", Optional.empty())
				.map(Integer::parseInt)
				.orElse(application.port());
			boolean listens = container.getPorts() != null && container.getPorts()
				.stream()
				.map(ContainerPort::getContainerPort)
				.anyMatch((declared) -> declared == port);
			if (!listens) {
				violations.add(where + "the service listens on " + port + ", which the container does not declare");
			}
			environment.forEach((name, value) -> value.flatMap((text) -> host(name, text))
				.filter((host) -> !host.contains(".") && !services.contains(host))
				.ifPresent((host) -> violations
					.add(where + name + " points at " + host + ", which is not a Service of this overlay")));
		}
		return violations;
	}

	/** The host named by a connection setting, if the variable is one. */
	static Optional<String> host(String name, String value) {
		if (name.endsWith("_DB_URL")) {
			return DatabaseOwners.host(value);
		}
		if (name.equals("KAFKA_BOOTSTRAP_SERVERS")) {
			String first = value.split(",")[0].trim();
			return Optional.of(first.contains(":") ? first.substring(0, first.lastIndexOf(':')) : first);
		}
		if (name.endsWith("_HOST")) {
			return Optional.of(value);
		}
		if (name.endsWith("_ENDPOINT") && value.contains("://")) {
			return Optional.ofNullable(URI.create(value).getHost());
		}
		return Optional.empty();
	}

}
