package io.bazaar.deployment.kubernetes;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

/**
 * Kubernetes label selector semantics: matchLabels and matchExpressions, all of which
 * must hold.
 */
public final class LabelSelectors {

	private LabelSelectors() {
	}

	/**
	 * A Service-style selector: every pair must be among the labels; an empty one selects
	 * nothing.
	 */
	public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
		return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
	}

	/** A LabelSelector: {@code null} selects nothing, an empty one selects everything. */
	public static boolean matches(LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		Map<String, String> matchLabels = (selector.getMatchLabels() != null) ? selector.getMatchLabels() : Map.of();
		if (!labels.entrySet().containsAll(matchLabels.entrySet())) {
			return false;
		}
		List<LabelSelectorRequirement> expressions = (selector.getMatchExpressions() != null)
				? selector.getMatchExpressions() : List.of();
		return expressions.stream().allMatch((requirement) -> holds(requirement, labels));
	}

	public static boolean isEmpty(LabelSelector selector) {
		return selector != null && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
				&& (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
	}

	private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
		String value = labels.get(requirement.getKey());
		List<String> values = (requirement.getValues() != null) ? requirement.getValues() : List.of();
		return switch (requirement.getOperator()) {
			case "In" -> value != null && values.contains(value);
			case "NotIn" -> value == null || !values.contains(value);
			case "Exists" -> value != null;
			case "DoesNotExist" -> value == null;
			default -> throw new IllegalArgumentException("Unknown selector operator " + requirement.getOperator());
		};
	}

}
