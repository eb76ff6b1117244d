package io.bazaar.deployment.kubernetes;

import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;

final class Secrets {

	private Secrets() {
	}

	static Set<String> keys(Secret secret) {
		Set<String> keys = new TreeSet<>();
		if (secret.getData() != null) {
			keys.addAll(secret.getData().keySet());
		}
		if (secret.getStringData() != null) {
			keys.addAll(secret.getStringData().keySet());
		}
		return keys;
	}

	static Set<String> keys(ConfigMap configMap) {
		Set<String> keys = new TreeSet<>();
		if (configMap.getData() != null) {
			keys.addAll(configMap.getData().keySet());
		}
		if (configMap.getBinaryData() != null) {
			keys.addAll(configMap.getBinaryData().keySet());
		}
		return keys;
	}

}
