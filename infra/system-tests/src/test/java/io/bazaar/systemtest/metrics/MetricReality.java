package io.bazaar.systemtest.metrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bazaar.systemtest.metrics.PromQl.Matcher;
import io.bazaar.systemtest.metrics.PromQl.Selector;

/**
 * Checks the metric selectors of the dashboards and rules against scrapes of the running
 * services: each metric must be emitted, each label it matches on must be on its series,
 * and a label matched for equality must have that value on one of them.
 */
public final class MetricReality {

	/** Series Prometheus makes itself rather than reads from a service. */
	private static final Set<String> PROMETHEUS_SERIES = Set.of("up");

	/**
	 * Labels Prometheus adds to every target (job, and instance and service from
	 * discovery); a label a service emits under one of these names is renamed
	 * {@code exported_<name>}.
	 */
	private static final Set<String> TARGET_LABELS = Set.of("job", "instance", "service");

	private final Map<String, String> expressions;

	private final Set<Located> selectors = new LinkedHashSet<>();

	private final Set<String> recorded;

	private MetricReality(Map<String, String> expressions, Set<String> recorded) {
		this.expressions = expressions;
		this.recorded = recorded;
		expressions.forEach((where, expression) -> PromQl.selectors(expression)
			.forEach((selector) -> this.selectors.add(new Located(where, selector))));
	}

	public static MetricReality of(Path root) {
		return new MetricReality(MetricReferences.expressions(root), MetricReferences.recordedNames(root));
	}

	public int expressionCount() {
		return this.expressions.size();
	}

	public int selectorCount() {
		return this.selectors.size();
	}

	/** What the scrapes lack, one line per problem; empty when every selector is met. */
	public List<String> problems(List<String> expositions) {
		Scrapes scrapes = new Scrapes();
		expositions.forEach(scrapes::add);
		List<String> problems = new ArrayList<>();
		for (Located located : this.selectors) {
			Selector selector = located.selector();
			if (PROMETHEUS_SERIES.contains(selector.metric())) {
				continue;
			}
			if (selector.metric().contains(":")) {
				if (!this.recorded.contains(selector.metric())) {
					problems.add(located.where() + ": " + selector.metric() + " is recorded by no rule");
				}
				continue;
			}
			List<Map<String, String>> series = scrapes.series(selector.metric());
			if (series.isEmpty()) {
				problems.add(located.where() + ": no service emits " + selector.metric());
				continue;
			}
			for (Matcher matcher : selector.matchers()) {
				String problem = check(matcher, series);
				if (problem != null) {
					problems.add(located.where() + ": " + selector + ": " + problem);
				}
			}
		}
		return problems;
	}

	private static String check(Matcher matcher, List<Map<String, String>> series) {
		String label = matcher.label().startsWith("exported_") ? matcher.label().substring("exported_".length())
				: matcher.label();
		boolean present = series.stream().anyMatch((labels) -> labels.containsKey(label));
		if (!present) {
			return TARGET_LABELS.contains(label) ? null : "no series has the label " + label;
		}
		if (matcher.op().equals("=")
				&& series.stream().noneMatch((labels) -> matcher.value().equals(labels.get(label)))) {
			return "no series has " + label + "=\"" + matcher.value() + "\"";
		}
		return null;
	}

	private record Located(String where, Selector selector) {

	}

}
