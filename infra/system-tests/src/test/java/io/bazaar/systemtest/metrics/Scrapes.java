package io.bazaar.systemtest.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Series read from Prometheus text expositions: metric name to the label sets seen. */
final class Scrapes {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+\\S+.*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final Map<String, List<Map<String, String>>> series = new HashMap<>();

	void add(String exposition) {
		exposition.lines().filter((line) -> !line.startsWith("#")).forEach((line) -> {
			Matcher sample = SAMPLE.matcher(line);
			if (!sample.matches()) {
				return;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(3) != null) {
				Matcher label = LABEL.matcher(sample.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			this.series.computeIfAbsent(sample.group(1), (name) -> new ArrayList<>()).add(labels);
		});
	}

	List<Map<String, String>> series(String metric) {
		return this.series.getOrDefault(metric, List.of());
	}

}
