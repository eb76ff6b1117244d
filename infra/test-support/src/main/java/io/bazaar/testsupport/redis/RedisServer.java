package io.bazaar.testsupport.redis;

import java.util.concurrent.atomic.AtomicInteger;

import io.bazaar.testsupport.Environment;
import io.bazaar.testsupport.InfrastructureMode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.testcontainers.containers.GenericContainer;

/**
 * A Redis server for tests: a shared Testcontainers container, or the machine's own
 * server ({@code REDIS_HOST}, {@code REDIS_PORT}; defaults 127.0.0.1, 6379). Each
 * application context gets its own logical database, flushed before use, so tests never
 * see each other's keys.
 */
public record RedisServer(String host, int port) {

	private static final String IMAGE = "redis:7-alpine";

	private static final int REDIS_PORT = 6379;

	/**
	 * Database 0 is left to people using the server by hand; 1..15 are handed out in
	 * turn.
	 */
	private static final int TEST_DATABASES = 15;

	private static final AtomicInteger nextDatabase = new AtomicInteger();

	private static volatile RedisServer shared;

	public static synchronized RedisServer shared() {
		if (shared == null) {
			shared = (InfrastructureMode.current() == InfrastructureMode.CONTAINERS) ? startContainer() : local();
		}
		return shared;
	}

	private static RedisServer local() {
		return new RedisServer(Environment.get("REDIS_HOST", "127.0.0.1"), Environment.getInt("REDIS_PORT", 6379));
	}

	@SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM exits
	private static RedisServer startContainer() {
		GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(REDIS_PORT);
		container.start();
		return new RedisServer(container.getHost(), container.getMappedPort(REDIS_PORT));
	}

	/** Hands out an empty logical database. */
	public int freshDatabase() {
		int database = 1
				+ Math.floorMod(nextDatabase.getAndIncrement() + (int) ProcessHandle.current().pid(), TEST_DATABASES);
		RedisClient client = RedisClient
			.create(RedisURI.builder().withHost(this.host).withPort(this.port).withDatabase(database).build());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().flushdb();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Redis at " + this.host + ":" + this.port + " is unreachable: "
					+ ex.getMessage() + ". Start it, or set REDIS_HOST/REDIS_PORT.", ex);
		}
		finally {
			client.shutdown();
		}
		return database;
	}

}
