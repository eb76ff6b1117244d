package io.bazaar.deployment.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Exactly the expected Deployments are autoscaled, each autoscaler targets a Deployment
 * that exists and whose declared replicas (if any) equal the autoscaler's minimum; every
 * platform service has a PodDisruptionBudget covering its pods.
 */
public final class ScalingCheck implements ManifestCheck {

	private final Set<String> autoscaled;

	public ScalingCheck(Set<String> autoscaled) {
		this.autoscaled = new TreeSet<>(autoscaled);
	}

	@Override
	public String invariant() {
		return "autoscalers for " + this.autoscaled + " target existing Deployments; every service has a PDB";
	}

	@Override
	public List<String> violations(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		Set<String> targets = new TreeSet<>();
		for (HorizontalPodAutoscaler autoscaler : manifests.all(HorizontalPodAutoscaler.class)) {
			String where = "HorizontalPodAutoscaler/" + autoscaler.getMetadata().getName() + ": ";
			var target = autoscaler.getSpec().getScaleTargetRef();
			targets.add(target.getName());
			var deployment = manifests.find(Deployment.class, target.getName());
			if (!"Deployment".equals(target.getKind()) || deployment.isEmpty()) {
				violations
					.add(where + "targets " + target.getKind() + "/" + target.getName() + ", which does not exist");
				continue;
			}
			Integer min = autoscaler.getSpec().getMinReplicas();
			int max = autoscaler.getSpec().getMaxReplicas();
			if (min == null || min < 1 || min > max) {
				violations.add(where + "minReplicas " + min + " must be between 1 and maxReplicas " + max);
			}
			Integer replicas = deployment.get().getSpec().getReplicas();
			if (replicas != null && !replicas.equals(min)) {
				violations.add(where + "Deployment/" + target.getName() + " declares " + replicas
						+ " replicas but the autoscaler's minimum is " + min);
			}
			if (autoscaler.getSpec().getMetrics() == null || autoscaler.getSpec().getMetrics().isEmpty()) {
				violations.add(where + "has no metrics to scale on");
			}
		}
		if (!targets.equals(this.autoscaled)) {
			violations.add("autoscaled Deployments are " + targets + ", expected " + this.autoscaled);
		}
		List<PodDisruptionBudget> budgets = manifests.all(PodDisruptionBudget.class);
		for (Workload service : manifests.services()) {
			long covering = budgets.stream()
				.filter((budget) -> LabelSelectors.matches(budget.getSpec().getSelector(), service.podLabels()))
				.count();
			if (covering != 1) {
				violations.add(service + ": covered by " + covering + " PodDisruptionBudgets, expected exactly 1");
			}
		}
		for (PodDisruptionBudget budget : budgets) {
			boolean selectsSomething = manifests.workloads()
				.stream()
				.anyMatch((workload) -> LabelSelectors.matches(budget.getSpec().getSelector(), workload.podLabels()));
			if (!selectsSomething) {
				violations.add("PodDisruptionBudget/" + budget.getMetadata().getName() + ": selects no pods");
			}
		}
		return violations;
	}

}
