package io.bazaar.deployment.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * A Deployment or StatefulSet, reduced to what the checks look at.
 *
 * @param kind the object's kind
 * @param name the object's name
 * @param replicas the declared replica count, {@code null} when left to an autoscaler
 * @param podLabels the labels of the pods it creates
 * @param pod the pod specification
 */
public record Workload(String kind, String name, Integer replicas, Map<String, String> podLabels, PodSpec pod) {

	static Workload of(Deployment deployment) {
		return of("Deployment", deployment.getMetadata().getName(), deployment.getSpec().getReplicas(),
				deployment.getSpec().getTemplate());
	}

	static Workload of(StatefulSet statefulSet) {
		return of("StatefulSet", statefulSet.getMetadata().getName(), statefulSet.getSpec().getReplicas(),
				statefulSet.getSpec().getTemplate());
	}

	private static Workload of(String kind, String name, Integer replicas, PodTemplateSpec template) {
		Map<String, String> labels = (template.getMetadata() != null && template.getMetadata().getLabels() != null)
				? template.getMetadata().getLabels() : Map.of();
		return new Workload(kind, name, replicas, labels, template.getSpec());
	}

	public String component() {
		return this.podLabels.getOrDefault("app.kubernetes.io/component", "");
	}

	public boolean isPlatformService() {
		return "service".equals(component());
	}

	public boolean isDatabase() {
		return "database".equals(component());
	}

	/** Init containers first, then the main containers. */
	public List<Container> containers() {
		List<Container> containers = new ArrayList<>();
		if (this.pod.getInitContainers() != null) {
			containers.addAll(this.pod.getInitContainers());
		}
		if (this.pod.getContainers() != null) {
			containers.addAll(this.pod.getContainers());
		}
		return containers;
	}

	@Override
	public String toString() {
		return this.kind + "/" + this.name;
	}

}
