package io.bazaar.deployment.kubernetes;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

/**
 * Every Service selects the pods of a Deployment or StatefulSet, and its target ports are
 * ports those pods declare.
 */
public final class ServiceSelectorCheck implements ManifestCheck {

	@Override
	public String invariant() {
		return "every Service selects a Deployment's or StatefulSet's pods on ports they declare";
	}

	@Override
	public List<String> violations(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		for (Service service : manifests.all(Service.class)) {
			String where = "Service/" + service.getMetadata().getName() + ": ";
			List<Workload> selected = manifests.workloads()
				.stream()
				.filter((workload) -> LabelSelectors.selects(service.getSpec().getSelector(), workload.podLabels()))
				.toList();
			if (selected.isEmpty()) {
				violations.add(where + "selector " + service.getSpec().getSelector()
						+ " matches no Deployment or StatefulSet pods");
				continue;
			}
			for (ServicePort port : service.getSpec().getPorts()) {
				var target = (port.getTargetPort() != null) ? port.getTargetPort() : new IntOrString(port.getPort());
				for (Workload workload : selected) {
					boolean declared = workload.pod()
						.getContainers()
						.stream()
						.anyMatch((Container container) -> ProbeCheck.isContainerPort(target, container));
					if (!declared) {
						violations.add(where + "target port " + ProbeCheck.portText(target) + " is not a port of "
								+ workload + "'s containers");
					}
				}
			}
		}
		return violations;
	}

}
