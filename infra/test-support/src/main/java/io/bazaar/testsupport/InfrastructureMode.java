package io.bazaar.testsupport;

import java.util.Locale;

import org.testcontainers.DockerClientFactory;

/**
 * Where the tests' PostgreSQL, Redis and Kafka come from. {@code BAZAAR_TEST_INFRA}
 * chooses explicitly ({@code containers} or {@code local}); otherwise Testcontainers is
 * used when a Docker engine answers and the machine's local services when it does not.
 */
public enum InfrastructureMode {

	/** Testcontainers: one container per kind of server, shared by the test JVM. */
	CONTAINERS,

	/** PostgreSQL and Redis already running on this machine, Kafka in-process (KRaft). */
	LOCAL;

	private static final String SELECTOR = "BAZAAR_TEST_INFRA";

	private static volatile InfrastructureMode detected;

	public static InfrastructureMode current() {
		InfrastructureMode mode = detected;
		if (mode == null) {
			mode = detect();
			detected = mode;
			System.out.println("[test-support] infrastructure: " + mode.name().toLowerCase(Locale.ROOT)
					+ (mode == LOCAL ? " (local PostgreSQL and Redis, in-process Kafka)" : " (Testcontainers)"));
		}
		return mode;
	}

	private static InfrastructureMode detect() {
		String chosen = Environment.get(SELECTOR, "auto").toLowerCase(Locale.ROOT);
		return switch (chosen) {
			case "containers" -> CONTAINERS;
			case "local" -> LOCAL;
			case "auto" -> dockerAvailable() ? CONTAINERS : LOCAL;
			default -> throw new IllegalStateException(
					SELECTOR + " must be 'containers', 'local' or 'auto', not '" + chosen + "'");
		};
	}

	/** Whether a Docker engine answers; a client without an engine does not count. */
	public static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

}
