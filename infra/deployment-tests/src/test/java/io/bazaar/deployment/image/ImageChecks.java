package io.bazaar.deployment.image;

import java.util.ArrayList;
import java.util.List;

/**
 * What every service image must be: built from the Maven reactor, a Java 25 JRE runtime
 * with the Spring Boot layers copied in order, a non-root user, container-aware memory
 * settings, a healthcheck and the service's port.
 */
public final class ImageChecks {

	static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	private ImageChecks() {
	}

	public static List<String> violations(String service, int port, Dockerfile dockerfile) {
		List<String> violations = new ArrayList<>();
		String where = "the image of " + service + ": ";
		if (dockerfile.stages().size() < 2) {
			violations.add(where + "expected a multi-stage build (build stage, then runtime stage)");
			return violations;
		}
		String build = String.join(" ", dockerfile.stages().get(0).arguments("RUN"));
		if (!build.contains("-pl " + service + " -am") || !build.contains("package")) {
			violations.add(where + "the build stage does not package the module with -pl " + service + " -am");
		}
		if (!build.contains("-Djarmode=tools") || !build.contains("extract --layers --launcher")) {
			violations.add(where + "the build stage does not extract the layered jar"
					+ " (java -Djarmode=tools -jar ... extract --layers --launcher)");
		}
		Dockerfile.Stage runtime = dockerfile.last();
		if (!runtime.image().equals("eclipse-temurin:25-jre")) {
			violations.add(where + "runs on " + runtime.image() + ", expected eclipse-temurin:25-jre");
		}
		List<String> copiedLayers = runtime.arguments("COPY")
			.stream()
			.filter((copy) -> copy.startsWith("--from="))
			.map(ImageChecks::layer)
			.toList();
		if (!copiedLayers.equals(LAYERS)) {
			violations.add(where + "copies layers " + copiedLayers + ", expected " + LAYERS + " in that order");
		}
		List<String> users = runtime.arguments("USER");
		if (users.isEmpty() || users.get(users.size() - 1).startsWith("root")
				|| users.get(users.size() - 1).startsWith("0")) {
			violations.add(where + "runs as " + (users.isEmpty() ? "root (no USER)" : users.get(users.size() - 1))
					+ ", expected a non-root user");
		}
		String environment = String.join(" ", runtime.arguments("ENV"));
		for (String option : List.of("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError")) {
			if (!environment.contains(option)) {
				violations.add(where + "JAVA_TOOL_OPTIONS lacks " + option);
			}
		}
		if (!environment.contains("SPRING_THREADS_VIRTUAL_ENABLED=true")) {
			violations.add(where + "does not set SPRING_THREADS_VIRTUAL_ENABLED=true");
		}
		List<String> healthchecks = runtime.arguments("HEALTHCHECK");
		if (healthchecks.isEmpty() || !healthchecks.get(0).contains("/actuator/health/liveness")) {
			violations.add(where + "no HEALTHCHECK on /actuator/health/liveness");
		}
		if (!runtime.arguments("EXPOSE").contains(String.valueOf(port))) {
			violations.add(where + "exposes " + runtime.arguments("EXPOSE") + ", but the service listens on " + port);
		}
		if (!String.join(" ", runtime.arguments("ENTRYPOINT"))
			.contains("org.springframework.boot.loader.launch.JarLauncher")) {
			violations.add(where + "does not start the extracted application with the JarLauncher");
		}
		return violations;
	}

	private static String layer(String copy) {
		String[] parts = copy.split("\\s+");
		String source = parts[parts.length - 2].replaceAll("/+$", "");
		return source.substring(source.lastIndexOf('/') + 1);
	}

}
