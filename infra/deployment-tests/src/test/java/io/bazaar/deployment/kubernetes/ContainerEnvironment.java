package io.bazaar.deployment.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * The environment a container starts with, as far as the manifests determine it: variable
 * name to its literal value, or to {@code null} when the value comes from a Secret or the
 * downward API. Later sources win, as in Kubernetes: envFrom in order, then env.
 */
public final class ContainerEnvironment {

	private ContainerEnvironment() {
	}

	public static Map<String, Optional<String>> of(Container container, Manifests manifests) {
		Map<String, Optional<String>> environment = new LinkedHashMap<>();
		if (container.getEnvFrom() != null) {
			for (EnvFromSource source : container.getEnvFrom()) {
				String prefix = (source.getPrefix() != null) ? source.getPrefix() : "";
				if (source.getConfigMapRef() != null) {
					manifests.find(ConfigMap.class, source.getConfigMapRef().getName())
						.map(ConfigMap::getData)
						.ifPresent((data) -> data
							.forEach((key, value) -> environment.put(prefix + key, Optional.ofNullable(value))));
				}
				if (source.getSecretRef() != null) {
					manifests.find(Secret.class, source.getSecretRef().getName())
						.ifPresent((secret) -> Secrets.keys(secret)
							.forEach((key) -> environment.put(prefix + key, Optional.empty())));
				}
			}
		}
		if (container.getEnv() != null) {
			for (EnvVar variable : container.getEnv()) {
				environment.put(variable.getName(), (variable.getValueFrom() == null)
						? Optional.ofNullable(variable.getValue()) : configMapValue(variable, manifests));
			}
		}
		return environment;
	}

	private static Optional<String> configMapValue(EnvVar variable, Manifests manifests) {
		var reference = variable.getValueFrom().getConfigMapKeyRef();
		if (reference == null) {
			return Optional.empty();
		}
		return manifests.find(ConfigMap.class, reference.getName())
			.map(ConfigMap::getData)
			.map((data) -> data.get(reference.getKey()));
	}

}
