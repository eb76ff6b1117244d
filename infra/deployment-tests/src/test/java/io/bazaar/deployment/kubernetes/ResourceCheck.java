package io.bazaar.deployment.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * Every container requests CPU and memory and is limited in both, and never requests more
 * memory than its limit.
 */
public final class ResourceCheck implements ManifestCheck {

	private static final List<String> RESOURCES = List.of("cpu", "memory");

	@Override
	public String invariant() {
		return "every container has CPU and memory requests and limits";
	}

	@Override
	public List<String> violations(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				String where = workload + " container " + container.getName() + ": ";
				ResourceRequirements resources = container.getResources();
				Map<String, Quantity> requests = (resources != null && resources.getRequests() != null)
						? resources.getRequests() : Map.of();
				Map<String, Quantity> limits = (resources != null && resources.getLimits() != null)
						? resources.getLimits() : Map.of();
				for (String resource : RESOURCES) {
					if (!requests.containsKey(resource)) {
						violations.add(where + "no " + resource + " request");
					}
					if (!limits.containsKey(resource)) {
						violations.add(where + "no " + resource + " limit");
					}
				}
				if (requests.containsKey("memory") && limits.containsKey("memory")
						&& requests.get("memory")
							.getNumericalAmount()
							.compareTo(limits.get("memory").getNumericalAmount()) > 0) {
					violations.add(where + "requests " + requests.get("memory") + " of memory, above its limit of "
							+ limits.get("memory"));
				}
			}
		}
		return violations;
	}

}
