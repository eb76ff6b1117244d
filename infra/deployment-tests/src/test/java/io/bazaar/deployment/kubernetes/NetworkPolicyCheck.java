package io.bazaar.deployment.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/**
 * Ingress is denied by default; nothing admits every source or an address range; only the
 * entry point accepts traffic from the ingress controller's namespace; other namespaces
 * may reach the platform's services only when they are the platform's own (Consul,
 * monitoring); every database accepts connections from the one service whose URL points
 * at it and from nothing else.
 */
public final class NetworkPolicyCheck implements ManifestCheck {

	private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

	private final String entryPoint;

	private final String ingressControllerNamespace;

	private final Set<String> platformNamespaces;

	public NetworkPolicyCheck(String entryPoint, String ingressControllerNamespace, Set<String> platformNamespaces) {
		this.entryPoint = entryPoint;
		this.ingressControllerNamespace = ingressControllerNamespace;
		this.platformNamespaces = Set.copyOf(platformNamespaces);
	}

	@Override
	public String invariant() {
		return "ingress is denied by default, only the " + this.entryPoint
				+ " is reachable from outside, and each database only from its own service";
	}

	@Override
	public List<String> violations(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
		boolean defaultDeny = policies.stream().anyMatch(this::isDefaultDenyIngress);
		if (!defaultDeny) {
			violations
				.add("no default-deny ingress NetworkPolicy (empty podSelector, policyTypes [Ingress], no rules)");
		}
		Map<String, Set<String>> owners = DatabaseOwners.of(manifests);
		for (Workload workload : manifests.workloads()) {
			Set<String> sources = new TreeSet<>();
			for (NetworkPolicy policy : policies) {
				if (!admitsIngressTo(policy, workload)) {
					continue;
				}
				String where = "NetworkPolicy/" + policy.getMetadata().getName() + " for " + workload + ": ";
				for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
					if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
						violations.add(where + "a rule without 'from' admits every pod and address");
						continue;
					}
					for (NetworkPolicyPeer peer : rule.getFrom()) {
						sources.addAll(sources(peer, workload, where, manifests, violations));
					}
				}
			}
			if (workload.isPlatformService() && sources.isEmpty()) {
				violations.add(workload + ": no NetworkPolicy admits any traffic, so nothing can reach it");
			}
			if (workload.isDatabase()) {
				Set<String> expected = owners.getOrDefault(workload.name(), Set.of());
				if (expected.size() != 1) {
					violations.add(workload + ": used by " + expected + ", expected exactly one service");
				}
				if (!sources.equals(expected)) {
					violations
						.add(workload + ": reachable from " + sources + ", expected only its own service " + expected);
				}
			}
		}
		return violations;
	}

	private Set<String> sources(NetworkPolicyPeer peer, Workload target, String where, Manifests manifests,
			List<String> violations) {
		Set<String> sources = new TreeSet<>();
		if (peer.getIpBlock() != null) {
			violations.add(where + "admits the address range " + peer.getIpBlock().getCidr());
			sources.add("ipBlock " + peer.getIpBlock().getCidr());
			return sources;
		}
		if (peer.getNamespaceSelector() != null) {
			String namespace = namespaceName(peer.getNamespaceSelector());
			sources.add("namespace " + namespace);
			if (this.ingressControllerNamespace.equals(namespace)) {
				if (!target.name().equals(this.entryPoint)) {
					violations.add(where + "admits the ingress controller; only the " + this.entryPoint + " may");
				}
			}
			else if (this.platformNamespaces.contains(namespace)) {
				if (!target.isPlatformService()) {
					violations.add(where + "admits namespace " + namespace + ", which only the services may be");
				}
			}
			else {
				violations.add(where + "admits namespace "
						+ ((namespace != null) ? namespace : "selector " + peer.getNamespaceSelector())
						+ "; allowed are " + this.ingressControllerNamespace + " (entry point only) and "
						+ this.platformNamespaces);
			}
			return sources;
		}
		manifests.workloads()
			.stream()
			.filter((source) -> LabelSelectors.matches(peer.getPodSelector(), source.podLabels()))
			.forEach((source) -> sources.add(source.name()));
		return sources;
	}

	private String namespaceName(LabelSelector selector) {
		return (selector.getMatchLabels() != null) ? selector.getMatchLabels().get(NAMESPACE_NAME) : null;
	}

	private boolean admitsIngressTo(NetworkPolicy policy, Workload workload) {
		return governsIngress(policy) && LabelSelectors.matches(policy.getSpec().getPodSelector(), workload.podLabels())
				&& policy.getSpec().getIngress() != null;
	}

	private boolean governsIngress(NetworkPolicy policy) {
		List<String> types = policy.getSpec().getPolicyTypes();
		return (types == null || types.isEmpty()) || types.contains("Ingress");
	}

	private boolean isDefaultDenyIngress(NetworkPolicy policy) {
		return LabelSelectors.isEmpty(policy.getSpec().getPodSelector()) && policy.getSpec().getPolicyTypes() != null
				&& policy.getSpec().getPolicyTypes().contains("Ingress")
				&& (policy.getSpec().getIngress() == null || policy.getSpec().getIngress().isEmpty());
	}

}
