package io.bazaar.catalog.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.bazaar.catalog.cache.RedisCircuit.RedisUnavailableException;
import io.bazaar.catalog.config.CatalogProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Cache-aside over Redis: read Redis; on a miss, load from PostgreSQL and store the value
 * as JSON with a jittered TTL ("not found" too, briefly, where the region says so); on a
 * write, evict after the transaction commits.
 * <p>
 * After a hot key expires only one load runs: readers of the same key in this instance
 * wait for the one loading it, and instances coordinate through a short Redis lock, the
 * losers re-reading the cache while the winner loads. Redis failing or slow never fails a
 * read: it is served from PostgreSQL (counted in {@code catalog.cache.degraded}) and,
 * after a few failures, Redis is left alone for a while.
 */
@Component
public final class CacheAside implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(CacheAside.class);

	/** Stored for a key that was looked up and does not exist. */
	private static final String ABSENT = "null";

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private static final Duration EVICTION_RETRY_INTERVAL = Duration.ofSeconds(1);

	private static final RedisScript<Long> UNLOCK = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final CatalogProperties.Cache settings;

	private final MeterRegistry meters;

	private final RedisCircuit circuit;

	private final Map<String, CompletableFuture<Optional<?>>> loadsInFlight = new ConcurrentHashMap<>();

	private final Map<String, RegionMeters> regionMeters = new ConcurrentHashMap<>();

	private final Set<String> pendingEvictions = ConcurrentHashMap.newKeySet();

	private final Counter evictionFailures;

	private final ScheduledExecutorService evictions = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "cache-evictions");
		thread.setDaemon(true);
		return thread;
	});

	public CacheAside(StringRedisTemplate redis, JsonMapper json, CatalogProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.json = json;
		this.settings = properties.cache();
		this.meters = meters;
		this.circuit = new RedisCircuit(this.settings.circuitOpenFor(), meters);
		this.evictionFailures = Counter.builder("catalog.cache.evictions.failed")
			.description("Evictions Redis refused; retried until they succeed, the entry may be stale meanwhile")
			.register(meters);
		this.evictions.scheduleWithFixedDelay(this::retryPendingEvictions, EVICTION_RETRY_INTERVAL.toMillis(),
				EVICTION_RETRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * The value under {@code key}, from Redis or else from {@code loader} (which reads
	 * PostgreSQL).
	 */
	public <T> Optional<T> get(CacheRegion<T> region, String key, Supplier<Optional<T>> loader) {
		if (!this.settings.enabled()) {
			return loader.get();
		}
		RegionMeters meters = meters(region);
		Lookup<T> cached;
		try {
			cached = lookup(region, key);
		}
		catch (RedisUnavailableException ex) {
			return loadDegraded(meters, key, loader, ex);
		}
		if (cached.found()) {
			meters.hits.increment();
			return cached.value();
		}
		meters.misses.increment();
		return loadOnce(key, () -> loadAndFill(region, meters, key, loader));
	}

	/**
	 * Removes the keys once the current transaction commits (at once without one), and
	 * once more shortly after: a reader that loaded the old row just before the commit
	 * may have stored it after the first eviction.
	 */
	public void evictAfterCommit(String... keys) {
		List<String> evicted = List.of(keys);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					evictNowAndLater(evicted);
				}
			});
		}
		else {
			evictNowAndLater(evicted);
		}
	}

	@Override
	public void destroy() {
		this.evictions.shutdownNow();
	}

	private <T> Optional<T> loadOnce(String key, Supplier<Optional<T>> load) {
		CompletableFuture<Optional<?>> mine = new CompletableFuture<>();
		CompletableFuture<Optional<?>> running = this.loadsInFlight.putIfAbsent(key, mine);
		if (running != null) {
			return awaitLoad(running);
		}
		try {
			Optional<T> loaded = load.get();
			mine.complete(loaded);
			return loaded;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loadsInFlight.remove(key, mine);
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> Optional<T> awaitLoad(CompletableFuture<Optional<?>> running) {
		try {
			return (Optional<T>) running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private <T> Optional<T> loadAndFill(CacheRegion<T> region, RegionMeters meters, String key,
			Supplier<Optional<T>> loader) {
		String lockKey = key + ":lock";
		String token = UUID.randomUUID().toString();
		boolean locked;
		try {
			// Filled while this reader queued for the load?
			Lookup<T> cached = lookup(region, key);
			if (cached.found()) {
				return cached.value();
			}
			locked = Boolean.TRUE.equals(this.circuit
				.call(() -> this.redis.opsForValue().setIfAbsent(lockKey, token, this.settings.lockTtl())));
			if (!locked) {
				Lookup<T> filled = awaitOtherInstance(region, key);
				if (filled.found()) {
					return filled.value();
				}
			}
		}
		catch (RedisUnavailableException ex) {
			return loadDegraded(meters, key, loader, ex);
		}
		try {
			Optional<T> loaded = meters.loads.record(loader);
			fill(region, meters, key, loaded);
			return loaded;
		}
		finally {
			if (locked) {
				unlock(lockKey, token);
			}
		}
	}

	/** Another instance holds the lock: give it a moment to fill the entry. */
	private <T> Lookup<T> awaitOtherInstance(CacheRegion<T> region, String key) {
		long deadline = System.nanoTime() + this.settings.lockWait().toNanos();
		while (System.nanoTime() < deadline) {
			try {
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			Lookup<T> cached = lookup(region, key);
			if (cached.found()) {
				return cached;
			}
		}
		return Lookup.miss();
	}

	private <T> Optional<T> loadDegraded(RegionMeters meters, String key, Supplier<Optional<T>> loader,
			RedisUnavailableException cause) {
		meters.degraded.increment();
		if (!cause.circuitOpen()) {
			meters.errors.increment();
			logger.warn("Redis failed reading {}; serving from PostgreSQL: {}", key, cause.getMessage());
		}
		return meters.loads.record(loader);
	}

	private <T> Lookup<T> lookup(CacheRegion<T> region, String key) {
		String stored = this.circuit.call(() -> this.redis.opsForValue().get(key));
		if (stored == null) {
			return Lookup.miss();
		}
		if (ABSENT.equals(stored)) {
			return new Lookup<>(true, Optional.empty());
		}
		try {
			return new Lookup<>(true, Optional.of(this.json.readValue(stored, region.type())));
		}
		catch (JacksonException ex) {
			logger.warn("Ignoring unreadable cache entry {}: {}", key, ex.getOriginalMessage());
			return Lookup.miss();
		}
	}

	private <T> void fill(CacheRegion<T> region, RegionMeters meters, String key, Optional<T> loaded) {
		if (loaded.isEmpty() && !region.cachesAbsence()) {
			return;
		}
		String value = loaded.map(this.json::writeValueAsString).orElse(ABSENT);
		Duration ttl = loaded.isPresent() ? jittered(this.settings.ttl()) : this.settings.negativeTtl();
		try {
			this.circuit.call(() -> {
				this.redis.opsForValue().set(key, value, ttl);
				return null;
			});
		}
		catch (RedisUnavailableException ex) {
			if (!ex.circuitOpen()) {
				meters.errors.increment();
			}
			logger.debug("Could not store {} in Redis: {}", key, ex.getMessage());
		}
	}

	private Duration jittered(Duration ttl) {
		double jitter = this.settings.ttlJitter();
		double factor = 1 + ((jitter == 0) ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter));
		return Duration.ofMillis(Math.max(1, Math.round(ttl.toMillis() * factor)));
	}

	private void unlock(String lockKey, String token) {
		try {
			this.circuit.call(() -> this.redis.execute(UNLOCK, List.of(lockKey), token));
		}
		catch (RedisUnavailableException ex) {
			// The lock expires by itself after lockTtl.
			logger.debug("Could not release {}: {}", lockKey, ex.getMessage());
		}
	}

	private void evictNowAndLater(List<String> keys) {
		evict(keys);
		this.evictions.schedule(() -> evict(keys), this.settings.secondEvictionDelay().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void evict(List<String> keys) {
		try {
			this.circuit.call(() -> this.redis.delete(keys));
		}
		catch (RedisUnavailableException ex) {
			this.evictionFailures.increment();
			if (this.pendingEvictions.addAll(keys)) {
				logger.warn("Could not evict {} from Redis ({}); retrying until it succeeds", keys, ex.getMessage());
			}
		}
	}

	private void retryPendingEvictions() {
		if (this.pendingEvictions.isEmpty() || this.circuit.isOpen()) {
			return;
		}
		List<String> keys = List.copyOf(this.pendingEvictions);
		try {
			this.circuit.call(() -> this.redis.delete(keys));
			keys.forEach(this.pendingEvictions::remove);
			logger.info("Evicted {} after Redis recovered", keys);
		}
		catch (RedisUnavailableException ex) {
			logger.debug("Redis still refuses evictions: {}", ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Retrying evictions failed", ex);
		}
	}

	private RegionMeters meters(CacheRegion<?> region) {
		return this.regionMeters.computeIfAbsent(region.name(), (name) -> new RegionMeters(name, this.meters));
	}

	private record Lookup<T>(boolean found, Optional<T> value) {

		static <T> Lookup<T> miss() {
			return new Lookup<>(false, Optional.empty());
		}

	}

	private static final class RegionMeters {

		final Counter hits;

		final Counter misses;

		final Counter errors;

		final Counter degraded;

		final Timer loads;

		RegionMeters(String cache, MeterRegistry registry) {
			this.hits = requests(cache, "hit", registry);
			this.misses = requests(cache, "miss", registry);
			this.errors = requests(cache, "error", registry);
			this.degraded = Counter.builder("catalog.cache.degraded")
				.description("Reads served from PostgreSQL because Redis was failing or skipped")
				.tag("cache", cache)
				.register(registry);
			this.loads = Timer.builder("catalog.cache.load")
				.description("Loads from PostgreSQL on a cache miss (or while Redis is unavailable)")
				.tag("cache", cache)
				.publishPercentileHistogram()
				.register(registry);
		}

		private static Counter requests(String cache, String result, MeterRegistry registry) {
			return Counter.builder("catalog.cache.requests")
				.description("Cache lookups by result")
				.tag("cache", cache)
				.tag("result", result)
				.register(registry);
		}

	}

}
