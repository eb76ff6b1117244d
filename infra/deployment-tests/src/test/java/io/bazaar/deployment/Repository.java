package io.bazaar.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checked-out repository the deployment descriptors live in, and the build version
 * they must agree with.
 */
public final class Repository {

	/**
	 * The five services, named as their Maven modules, images, Deployments and Consul
	 * services.
	 */
	public static final List<String> SERVICES = List.of("gateway", "user-service", "catalog-service", "order-service",
			"notification-service");

	private static final Pattern PROJECT_VERSION = Pattern
		.compile("<artifactId>bazaar-platform</artifactId>\\s*<version>([^<]+)</version>");

	private Repository() {
	}

	public static Path root() {
		String configured = System.getProperty("bazaar.repository.root");
		Path start = (configured != null) ? Path.of(configured) : Path.of("").toAbsolutePath();
		for (Path candidate = start.toAbsolutePath().normalize(); candidate != null; candidate = candidate
			.getParent()) {
			if (Files.isDirectory(candidate.resolve("k8s")) && Files.isRegularFile(candidate.resolve("pom.xml"))) {
				return candidate;
			}
		}
		throw new IllegalStateException("No repository root (a directory with pom.xml and k8s/) at or above " + start
				+ "; set -Dbazaar.repository.root");
	}

	public static Path resolve(String relative) {
		return root().resolve(relative);
	}

	/**
	 * The Maven project version: passed by Surefire as {@code project.version}, read from
	 * the root pom otherwise (when a test runs from an IDE).
	 */
	public static String projectVersion() {
		String passed = System.getProperty("project.version");
		if (passed != null && !passed.isBlank()) {
			return passed;
		}
		Matcher matcher = PROJECT_VERSION.matcher(read("pom.xml"));
		if (!matcher.find()) {
			throw new IllegalStateException("No <version> after <artifactId>bazaar-platform</artifactId> in pom.xml");
		}
		return matcher.group(1).trim();
	}

	public static String read(String relative) {
		try {
			return Files.readString(resolve(relative));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + relative + ": " + ex.getMessage(), ex);
		}
	}

}
