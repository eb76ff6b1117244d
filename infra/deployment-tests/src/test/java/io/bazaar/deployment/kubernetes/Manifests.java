package io.bazaar.deployment.kubernetes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A rendered set of Kubernetes manifests, parsed into fabric8's typed model objects.
 */
public final class Manifests {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private final List<HasMetadata> objects;

	private Manifests(List<HasMetadata> objects) {
		this.objects = List.copyOf(objects);
	}

	/** Parses a multi-document YAML stream such as {@code kubectl kustomize} prints. */
	public static Manifests parse(String yaml) {
		Object parsed = SERIALIZATION.unmarshal(yaml);
		List<HasMetadata> objects = new ArrayList<>();
		collect(parsed, objects);
		return new Manifests(objects);
	}

	private static void collect(Object parsed, List<HasMetadata> into) {
		if (parsed == null) {
			return;
		}
		if (parsed instanceof Collection<?> documents) {
			documents.forEach((document) -> collect(document, into));
		}
		else if (parsed instanceof HasMetadata object) {
			into.add(object);
		}
		else if (parsed instanceof KubernetesResource resource) {
			throw new IllegalArgumentException("Not a Kubernetes object with metadata: " + resource);
		}
		else {
			throw new IllegalArgumentException("Not a Kubernetes object: " + parsed);
		}
	}

	public List<HasMetadata> all() {
		return this.objects;
	}

	public <T extends HasMetadata> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
		return all(type).stream().filter((object) -> name.equals(object.getMetadata().getName())).findFirst();
	}

	/** Deployments and StatefulSets, the workloads that run pods here. */
	public List<Workload> workloads() {
		List<Workload> workloads = new ArrayList<>();
		all(Deployment.class).forEach((deployment) -> workloads.add(Workload.of(deployment)));
		all(StatefulSet.class).forEach((statefulSet) -> workloads.add(Workload.of(statefulSet)));
		return workloads;
	}

	public Optional<Workload> workload(String name) {
		return workloads().stream().filter((workload) -> workload.name().equals(name)).findFirst();
	}

	/**
	 * The workloads of the platform's own services (label
	 * app.kubernetes.io/component=service).
	 */
	public List<Workload> services() {
		return workloads().stream().filter(Workload::isPlatformService).toList();
	}

}
