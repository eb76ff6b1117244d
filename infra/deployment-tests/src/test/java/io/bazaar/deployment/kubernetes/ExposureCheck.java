package io.bazaar.deployment.kubernetes;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;

/**
 * Only the entry point is exposed outside the cluster: it has the one Ingress, every
 * Ingress backend is its Service, and no Service is a NodePort or LoadBalancer.
 */
public final class ExposureCheck implements ManifestCheck {

	private final String entryPoint;

	public ExposureCheck(String entryPoint) {
		this.entryPoint = entryPoint;
	}

	@Override
	public String invariant() {
		return "only the " + this.entryPoint + " is exposed, through an Ingress";
	}

	@Override
	public List<String> violations(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		List<Ingress> ingresses = manifests.all(Ingress.class);
		if (ingresses.isEmpty()) {
			violations.add("no Ingress: the " + this.entryPoint + " is unreachable from outside the cluster");
		}
		for (Ingress ingress : ingresses) {
			String where = "Ingress/" + ingress.getMetadata().getName() + ": ";
			List<IngressBackend> backends = new ArrayList<>();
			if (ingress.getSpec().getDefaultBackend() != null) {
				backends.add(ingress.getSpec().getDefaultBackend());
			}
			for (IngressRule rule : (ingress.getSpec().getRules() != null) ? ingress.getSpec().getRules()
					: List.<IngressRule>of()) {
				if (rule.getHttp() != null) {
					rule.getHttp().getPaths().stream().map(HTTPIngressPath::getBackend).forEach(backends::add);
				}
			}
			for (IngressBackend backend : backends) {
				if (backend.getService() == null || !this.entryPoint.equals(backend.getService().getName())) {
					violations.add(where
							+ "routes to " + ((backend.getService() != null)
									? "Service " + backend.getService().getName() : "a non-Service backend")
							+ "; only the " + this.entryPoint + " may be exposed");
				}
				else if (manifests.find(Service.class, this.entryPoint).isEmpty()) {
					violations.add(where + "routes to Service " + this.entryPoint + ", which does not exist");
				}
			}
		}
		for (Service service : manifests.all(Service.class)) {
			String type = service.getSpec().getType();
			if ("NodePort".equals(type) || "LoadBalancer".equals(type)) {
				violations.add("Service/" + service.getMetadata().getName() + ": type " + type
						+ " exposes it outside the cluster; only the Ingress may");
			}
		}
		return violations;
	}

}
