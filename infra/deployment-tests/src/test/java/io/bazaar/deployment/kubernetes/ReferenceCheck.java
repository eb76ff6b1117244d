package io.bazaar.deployment.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;

/**
 * Every ConfigMap, Secret and key a pod or Ingress refers to exists in the rendered
 * output, except Secrets declared as created outside the repository, which then must not
 * be rendered and must be used. Service accounts named by pods exist too.
 */
public final class ReferenceCheck implements ManifestCheck {

	private final Set<String> externalSecrets;

	/**
	 * @param externalSecrets the Secrets the overlay expects to exist in the cluster
	 * already
	 */
	public ReferenceCheck(Set<String> externalSecrets) {
		this.externalSecrets = Set.copyOf(externalSecrets);
	}

	@Override
	public String invariant() {
		return "every referenced ConfigMap, Secret and key exists (or is a declared external Secret)";
	}

	@Override
	public List<String> violations(Manifests manifests) {
		Map<String, Set<String>> configMaps = new HashMap<>();
		manifests.all(ConfigMap.class)
			.forEach((configMap) -> configMaps.put(configMap.getMetadata().getName(), Secrets.keys(configMap)));
		Map<String, Set<String>> secrets = new HashMap<>();
		manifests.all(Secret.class)
			.forEach((secret) -> secrets.put(secret.getMetadata().getName(), Secrets.keys(secret)));
		Set<String> serviceAccounts = new HashSet<>();
		manifests.all(ServiceAccount.class).forEach((account) -> serviceAccounts.add(account.getMetadata().getName()));

		References references = new References(configMaps, secrets, this.externalSecrets);
		for (Workload workload : manifests.workloads()) {
			String account = workload.pod().getServiceAccountName();
			if (account != null && !account.equals("default") && !serviceAccounts.contains(account)) {
				references.violations.add(workload + ": service account " + account + " is not defined");
			}
			if (workload.pod().getImagePullSecrets() != null) {
				for (LocalObjectReference pullSecret : workload.pod().getImagePullSecrets()) {
					references.secret(workload + " imagePullSecrets", pullSecret.getName(), null);
				}
			}
			for (Container container : workload.containers()) {
				checkContainer(workload + " container " + container.getName(), container, references);
			}
			if (workload.pod().getVolumes() != null) {
				for (Volume volume : workload.pod().getVolumes()) {
					checkVolume(workload + " volume " + volume.getName(), volume, references);
				}
			}
		}
		for (Ingress ingress : manifests.all(Ingress.class)) {
			if (ingress.getSpec().getTls() != null) {
				for (IngressTLS tls : ingress.getSpec().getTls()) {
					references.secret("Ingress/" + ingress.getMetadata().getName() + " tls", tls.getSecretName(), null);
				}
			}
		}
		for (String external : new TreeSet<>(this.externalSecrets)) {
			if (secrets.containsKey(external)) {
				references.violations.add("Secret/" + external
						+ " is rendered, but this overlay expects it to be created outside the repository");
			}
			else if (!references.usedExternals.contains(external)) {
				references.violations
					.add("Secret/" + external + " is declared external but nothing refers to it (stale declaration)");
			}
		}
		return references.violations;
	}

	private void checkContainer(String where, Container container, References references) {
		if (container.getEnvFrom() != null) {
			for (EnvFromSource source : container.getEnvFrom()) {
				if (source.getConfigMapRef() != null && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
					references.configMap(where + " envFrom", source.getConfigMapRef().getName(), null);
				}
				if (source.getSecretRef() != null && !Boolean.TRUE.equals(source.getSecretRef().getOptional())) {
					references.secret(where + " envFrom", source.getSecretRef().getName(), null);
				}
			}
		}
		if (container.getEnv() != null) {
			for (EnvVar variable : container.getEnv()) {
				if (variable.getValueFrom() == null) {
					continue;
				}
				var configMapKey = variable.getValueFrom().getConfigMapKeyRef();
				if (configMapKey != null && !Boolean.TRUE.equals(configMapKey.getOptional())) {
					references.configMap(where + " env " + variable.getName(), configMapKey.getName(),
							configMapKey.getKey());
				}
				var secretKey = variable.getValueFrom().getSecretKeyRef();
				if (secretKey != null && !Boolean.TRUE.equals(secretKey.getOptional())) {
					references.secret(where + " env " + variable.getName(), secretKey.getName(), secretKey.getKey());
				}
			}
		}
	}

	private void checkVolume(String where, Volume volume, References references) {
		if (volume.getConfigMap() != null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
			references.configMap(where, volume.getConfigMap().getName(), null);
			for (KeyToPath item : items(volume.getConfigMap().getItems())) {
				references.configMap(where, volume.getConfigMap().getName(), item.getKey());
			}
		}
		if (volume.getSecret() != null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
			references.secret(where, volume.getSecret().getSecretName(), null);
			for (KeyToPath item : items(volume.getSecret().getItems())) {
				references.secret(where, volume.getSecret().getSecretName(), item.getKey());
			}
		}
	}

	private static List<KeyToPath> items(List<KeyToPath> items) {
		return (items != null) ? items : List.of();
	}

	private static final class References {

		private final Map<String, Set<String>> configMaps;

		private final Map<String, Set<String>> secrets;

		private final Set<String> externalSecrets;

		private final Set<String> usedExternals = new HashSet<>();

		private final List<String> violations = new ArrayList<>();

		References(Map<String, Set<String>> configMaps, Map<String, Set<String>> secrets, Set<String> externalSecrets) {
			this.configMaps = configMaps;
			this.secrets = secrets;
			this.externalSecrets = externalSecrets;
		}

		void configMap(String where, String name, String key) {
			Set<String> keys = this.configMaps.get(name);
			if (keys == null) {
				this.violations.add(where + ": ConfigMap " + name + " does not exist");
			}
			else if (key != null && !keys.contains(key)) {
				this.violations.add(where + ": ConfigMap " + name + " has no key " + key + " (keys: " + keys + ")");
			}
		}

		void secret(String where, String name, String key) {
			Set<String> keys = this.secrets.get(name);
			if (keys == null) {
				if (this.externalSecrets.contains(name)) {
					this.usedExternals.add(name);
				}
				else {
					this.violations.add(where + ": Secret " + name
							+ " does not exist and is not one of the overlay's external Secrets "
							+ this.externalSecrets);
				}
			}
			else if (key != null && !keys.contains(key)) {
				this.violations.add(where + ": Secret " + name + " has no key " + key + " (keys: " + keys + ")");
			}
		}

	}

}
