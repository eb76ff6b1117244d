package io.bazaar.systemtest.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A Redis server of the platform's own, keeping nothing on disk (like the platform's
 * Redis: a cache, rate-limit buckets and fan-out, all rebuilt on demand), so that a drill
 * can take it away and bring it back.
 */
public final class RedisProcess extends ExternalProcess {

	private final Path executable;

	private RedisProcess(Path executable, int port, Path log) {
		super("Redis", port, log);
		this.executable = executable;
	}

	/** The {@code redis-server} on the PATH, if there is one. */
	public static Optional<Path> executable() {
		return Probe.onPath("redis-server");
	}

	static RedisProcess create(Path directory, int port) {
		Path executable = executable().orElseThrow(
				() -> new IllegalStateException("No redis-server on the PATH to run a Redis of the platform's own"));
		return new RedisProcess(executable, port, directory.resolve("redis.log"));
	}

	@Override
	List<String> command() {
		return List.of(this.executable.toString(), "--port", String.valueOf(port()), "--bind", "127.0.0.1", "--save",
				"", "--appendonly", "no");
	}

}
