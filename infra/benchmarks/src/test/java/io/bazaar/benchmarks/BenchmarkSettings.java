package io.bazaar.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a simulation, from {@code -Dbench.*} system properties (run.sh sets
 * them from its environment).
 */
final class BenchmarkSettings {

	private BenchmarkSettings() {
	}

	static String string(String name, String defaultValue) {
		String value = System.getProperty("bench." + name);
		return (value == null || value.isBlank()) ? defaultValue : value.trim();
	}

	static double number(String name, double defaultValue) {
		return Double.parseDouble(string(name, Double.toString(defaultValue)));
	}

	static int integer(String name, int defaultValue) {
		return Integer.parseInt(string(name, Integer.toString(defaultValue)));
	}

	static Duration seconds(String name, int defaultValue) {
		return Duration.ofSeconds(integer(name, defaultValue));
	}

	static Path path(String name) {
		String value = string(name, null);
		if (value == null) {
			throw new IllegalStateException("Set -Dbench." + name + " (infra/benchmarks/run.sh does)");
		}
		return Path.of(value);
	}

	/** The non-blank lines of the file named by a setting. */
	static List<String> lines(String name) {
		try {
			List<String> lines = new ArrayList<>();
			for (String line : Files.readAllLines(path(name))) {
				if (!line.isBlank()) {
					lines.add(line.trim());
				}
			}
			if (lines.isEmpty()) {
				throw new IllegalStateException("bench." + name + " names an empty file");
			}
			return lines;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code name=url,name=url,...}: the servers a comparison runs against, in order. */
	static List<Target> targets(String name) {
		List<Target> targets = new ArrayList<>();
		for (String entry : string(name, "").split(",")) {
			String[] parts = entry.split("=", 2);
			if (parts.length != 2) {
				throw new IllegalStateException("bench." + name + ": expected name=url, got '" + entry + "'");
			}
			targets.add(new Target(parts[0].trim(), parts[1].trim()));
		}
		return targets;
	}

	record Target(String name, String baseUrl) {

	}

}
