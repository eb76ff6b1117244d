package io.bazaar.deployment.compose;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.bazaar.deployment.ApplicationSettings;

/**
 * The invariants of the docker-compose file. Each method returns every violation it
 * finds, each naming the service.
 */
public final class ComposeChecks {

	static final String SERVICE_DOCKERFILE = "infra/deploy/container/Dockerfile";

	private static final Pattern CONNECTION_SETTING = Pattern.compile(".*_(HOST|URL|URI|SERVERS|ENDPOINT)");

	private final ComposeFile compose;

	public ComposeChecks(ComposeFile compose) {
		this.compose = compose;
	}

	/** Every service has a healthcheck that runs a command. */
	public List<String> healthchecks() {
		List<String> violations = new ArrayList<>();
		for (String service : this.compose.services().keySet()) {
			if (!hasHealthcheck(service)) {
				violations.add(service + ": no healthcheck");
			}
		}
		return violations;
	}

	private boolean hasHealthcheck(String service) {
		var healthcheck = this.compose.healthcheck(service);
		Object test = healthcheck.map((settings) -> settings.get("test")).orElse(null);
		boolean disabled = healthcheck.map((settings) -> Boolean.TRUE.equals(settings.get("disable"))).orElse(false);
		return test != null && !disabled && !List.of("NONE").equals(test);
	}

	/**
	 * Every dependency waits for the other service to be healthy, names a service that
	 * has a healthcheck, and never reaches into an optional profile from a service that
	 * is always started.
	 */
	public List<String> dependencies() {
		List<String> violations = new ArrayList<>();
		Map<String, Map<String, Object>> services = this.compose.services();
		for (String service : services.keySet()) {
			this.compose.dependsOn(service).forEach((dependency, condition) -> {
				if (!services.containsKey(dependency)) {
					violations.add(service + ": depends on " + dependency + ", which is not a service");
					return;
				}
				if (!"service_healthy".equals(condition)) {
					violations.add(service + ": depends on " + dependency + " with condition " + condition
							+ ", expected service_healthy");
				}
				if (!hasHealthcheck(dependency)) {
					violations.add(service + ": depends on " + dependency + ", which has no healthcheck");
				}
				if (this.compose.profiles(service).isEmpty() && !this.compose.profiles(dependency).isEmpty()) {
					violations.add(service + ": always starts but depends on " + dependency + ", which only runs in"
							+ " profile(s) " + this.compose.profiles(dependency));
				}
			});
		}
		return violations;
	}

	/**
	 * One PostgreSQL per service: each service's {@code <PREFIX>_DB_URL} names a
	 * PostgreSQL service of its own, with the same database, user and password, and the
	 * service waits for it.
	 * @param databasePrefixes service name to its settings prefix, e.g. user-service to
	 * USERS
	 */
	public List<String> databasePerService(Map<String, String> databasePrefixes) {
		List<String> violations = new ArrayList<>();
		Map<String, String> databaseUsers = new HashMap<>();
		Set<String> postgres = new TreeSet<>();
		for (String service : this.compose.services().keySet()) {
			if (this.compose.image(service).orElse("").startsWith("postgres:")) {
				postgres.add(service);
			}
		}
		if (postgres.size() != databasePrefixes.size()) {
			violations.add("found PostgreSQL services " + postgres + ", expected one for each of "
					+ new TreeSet<>(databasePrefixes.keySet()));
		}
		new TreeMap<>(databasePrefixes).forEach((service, prefix) -> {
			Map<String, String> environment = this.compose.environment(service);
			String url = environment.get(prefix + "_DB_URL");
			if (url == null || !url.startsWith("jdbc:postgresql://")) {
				violations.add(service + ": " + prefix + "_DB_URL is " + url + ", expected a jdbc:postgresql:// URL");
				return;
			}
			URI location = URI.create(url.substring("jdbc:".length()));
			String host = location.getHost();
			String database = location.getPath().substring(1);
			if (!postgres.contains(host)) {
				violations.add(service + ": " + prefix + "_DB_URL points at " + host + ", which is not a PostgreSQL"
						+ " service of this file");
				return;
			}
			String previous = databaseUsers.put(host, service);
			if (previous != null) {
				violations.add(service + " and " + previous + " share the database server " + host);
			}
			Map<String, String> server = this.compose.environment(host);
			expectEqual(violations, service, prefix + "_DB_URL database", database, host + " POSTGRES_DB",
					server.get("POSTGRES_DB"));
			expectEqual(violations, service, prefix + "_DB_USER", environment.get(prefix + "_DB_USER"),
					host + " POSTGRES_USER", server.get("POSTGRES_USER"));
			expectEqual(violations, service, prefix + "_DB_PASSWORD", environment.get(prefix + "_DB_PASSWORD"),
					host + " POSTGRES_PASSWORD", server.get("POSTGRES_PASSWORD"));
			if (!this.compose.dependsOn(service).containsKey(host)) {
				violations.add(service + ": does not wait for its database " + host);
			}
		});
		return violations;
	}

	private void expectEqual(List<String> violations, String service, String what, String actual, String other,
			String expected) {
		if (actual == null || !actual.equals(expected)) {
			violations.add(service + ": " + what + " is " + actual + " but " + other + " is " + expected);
		}
	}

	/**
	 * Redis is a bounded cache: a memory limit and an eviction policy other than
	 * noeviction.
	 */
	public List<String> redisIsABoundedCache(String service) {
		List<String> violations = new ArrayList<>();
		List<String> command = this.compose.command(service);
		String maxMemory = argument(command, "--maxmemory");
		String policy = argument(command, "--maxmemory-policy");
		if (maxMemory == null || maxMemory.equals("0")) {
			violations.add(service + ": no --maxmemory limit in " + command);
		}
		if (policy == null || policy.equals("noeviction")) {
			violations.add(service + ": --maxmemory-policy is " + policy + ", expected an evicting policy such as"
					+ " allkeys-lru");
		}
		return violations;
	}

	private static String argument(List<String> command, String option) {
		int index = command.indexOf(option);
		return (index >= 0 && index + 1 < command.size()) ? command.get(index + 1) : null;
	}

	/** Only the listed services publish ports, and only on the loopback address. */
	public List<String> publishedPorts(Set<String> allowed) {
		List<String> violations = new ArrayList<>();
		for (String service : this.compose.services().keySet()) {
			for (String mapping : this.compose.ports(service)) {
				if (!allowed.contains(service)) {
					violations.add(service + ": publishes " + mapping + "; only " + new TreeSet<>(allowed) + " may");
				}
				else if (!mapping.startsWith("127.0.0.1:")) {
					violations.add(service + ": publishes " + mapping + " on every interface, expected 127.0.0.1");
				}
			}
		}
		return violations;
	}

	/**
	 * The service runs the given number of replicas, which can only coexist without fixed
	 * names or ports.
	 */
	public List<String> replicas(String service, int expected) {
		List<String> violations = new ArrayList<>();
		Object replicas = this.compose.deploy(service, "replicas").orElse(null);
		if (replicas == null || !String.valueOf(replicas).equals(String.valueOf(expected))) {
			violations.add(service + ": deploy.replicas is " + replicas + ", expected " + expected);
		}
		if (this.compose.service(service).containsKey("container_name")) {
			violations.add(service + ": container_name prevents running " + expected + " replicas");
		}
		if (!this.compose.ports(service).isEmpty()) {
			violations.add(service + ": a published host port prevents running " + expected + " replicas");
		}
		return violations;
	}

	/**
	 * Each service is built from the one Dockerfile at the repository root, given its
	 * module as the {@code SERVICE} build argument, and tagged with the version.
	 */
	public List<String> serviceImages(List<String> services, String version) {
		List<String> violations = new ArrayList<>();
		for (String service : services) {
			String expected = "bazaar/" + service + ":" + version;
			String image = this.compose.image(service).orElse(null);
			if (!expected.equals(image)) {
				violations.add(service + ": image is " + image + ", expected " + expected);
			}
			Map<String, Object> build = this.compose.build(service);
			Object arguments = build.get("args");
			if (!".".equals(build.get("context")) || !SERVICE_DOCKERFILE.equals(build.get("dockerfile"))
					|| !(arguments instanceof Map<?, ?> map) || !service.equals(map.get("SERVICE"))) {
				violations.add(service + ": build is " + build + ", expected context ., dockerfile "
						+ SERVICE_DOCKERFILE + " and args.SERVICE " + service);
			}
		}
		return violations;
	}

	/**
	 * Each service gets the settings its application.yml requires, and no setting points
	 * at localhost.
	 */
	public List<String> settings(List<String> services, Function<String, ApplicationSettings> settings,
			Map<String, Set<String>> additionallyRequired) {
		List<String> violations = new ArrayList<>();
		for (String service : services) {
			Map<String, String> environment = this.compose.environment(service);
			Set<String> missing = new TreeSet<>(settings.apply(service).required());
			missing.addAll(additionallyRequired.getOrDefault(service, Set.of()));
			missing.removeAll(environment.keySet());
			if (!missing.isEmpty()) {
				violations.add(service + ": missing settings " + missing);
			}
			environment.forEach((name, value) -> {
				if (CONNECTION_SETTING.matcher(name).matches()
						&& (value.contains("localhost") || value.contains("127.0.0.1"))) {
					violations.add(service + ": " + name + "=" + value + " points at the container itself");
				}
			});
		}
		return violations;
	}

	/**
	 * Kafka runs in KRaft mode: the node is its own controller and there is no ZooKeeper.
	 */
	public List<String> kafkaKraft(String service) {
		List<String> violations = new ArrayList<>();
		Map<String, String> environment = this.compose.environment(service);
		String roles = environment.getOrDefault("KAFKA_PROCESS_ROLES", "");
		if (!roles.contains("controller") || !roles.contains("broker")) {
			violations.add(service + ": KAFKA_PROCESS_ROLES is '" + roles + "', expected broker,controller (KRaft)");
		}
		if (environment.containsKey("KAFKA_ZOOKEEPER_CONNECT")) {
			violations.add(service + ": configured for ZooKeeper");
		}
		return violations;
	}

	/** The named services run only in the given profile. */
	public List<String> onlyInProfile(String profile, List<String> services) {
		List<String> violations = new ArrayList<>();
		for (String service : services) {
			if (!this.compose.services().containsKey(service)) {
				violations.add(service + ": missing from the compose file");
			}
			else if (!this.compose.profiles(service).equals(List.of(profile))) {
				violations
					.add(service + ": profiles are " + this.compose.profiles(service) + ", expected [" + profile + "]");
			}
		}
		return violations;
	}

}
