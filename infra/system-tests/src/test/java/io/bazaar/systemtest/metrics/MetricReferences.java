package io.bazaar.systemtest.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PromQL expressions of the Grafana dashboards
 * ({@code infra/deploy/grafana/dashboards}) and of the Prometheus rules
 * ({@code infra/deploy/prometheus/rules}), by the file and rule they come from.
 */
final class MetricReferences {

	private static final Pattern DASHBOARD_EXPR = Pattern.compile("\"expr\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern RECORD = Pattern.compile("(?m)^\\s*- record:\\s*(\\S+)\\s*$");

	private static final Pattern RULE_EXPR = Pattern.compile("^(\\s*)expr:\\s*(.*)$");

	private MetricReferences() {
	}

	static Map<String, String> expressions(Path root) {
		Map<String, String> expressions = new LinkedHashMap<>();
		for (Path dashboard : files(root.resolve("infra/deploy/grafana/dashboards"), ".json")) {
			Matcher expr = DASHBOARD_EXPR.matcher(read(dashboard));
			int n = 0;
			while (expr.find()) {
				expressions.put(root.relativize(dashboard) + " #" + (++n),
						expr.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
			}
		}
		for (Path rules : files(root.resolve("infra/deploy/prometheus/rules"), ".yml")) {
			List<String> lines = read(rules).lines().toList();
			for (int i = 0; i < lines.size(); i++) {
				Matcher expr = RULE_EXPR.matcher(lines.get(i));
				if (!expr.matches()) {
					continue;
				}
				String value = expr.group(2).trim();
				if (value.equals("|") || value.equals(">")) {
					StringBuilder block = new StringBuilder();
					int indent = expr.group(1).length();
					while (i + 1 < lines.size() && (lines.get(i + 1).isBlank()
							|| lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent)) {
						block.append(lines.get(++i)).append('\n');
					}
					value = block.toString();
				}
				expressions.put(root.relativize(rules) + ":" + (i + 1), value);
			}
		}
		return expressions;
	}

	/** The names the recording rules define ({@code - record: <name>}). */
	static Set<String> recordedNames(Path root) {
		Set<String> names = new LinkedHashSet<>();
		for (Path rules : files(root.resolve("infra/deploy/prometheus/rules"), ".yml")) {
			Matcher record = RECORD.matcher(read(rules));
			while (record.find()) {
				names.add(record.group(1));
			}
		}
		return names;
	}

	private static List<Path> files(Path directory, String suffix) {
		try (Stream<Path> files = Files.list(directory)) {
			return new ArrayList<>(files.filter((file) -> file.toString().endsWith(suffix)).sorted().toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
