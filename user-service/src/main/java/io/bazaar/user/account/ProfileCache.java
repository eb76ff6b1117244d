package io.bazaar.user.account;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.bazaar.user.config.UsersProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Cache-aside for profile reads: JSON values under {@code users:profile:v1:<id>} with a
 * jittered TTL, evicted once a change has committed. Redis is an optimisation only: when
 * it fails, reads go to the database, and the failure is logged and counted
 * ({@code users.profile.cache.errors}).
 */
@Component
class ProfileCache {

	static final String KEY_PREFIX = "users:profile:v1:";

	private static final Logger logger = LoggerFactory.getLogger(ProfileCache.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final Duration ttl;

	private final MeterRegistry meters;

	private final Counter hits;

	private final Counter misses;

	ProfileCache(StringRedisTemplate redis, JsonMapper json, UsersProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.json = json;
		this.ttl = properties.profileCache().ttl();
		this.meters = meters;
		this.hits = Counter.builder("users.profile.cache.requests").tag("result", "hit").register(meters);
		this.misses = Counter.builder("users.profile.cache.requests").tag("result", "miss").register(meters);
	}

	static String key(UUID id) {
		return KEY_PREFIX + id;
	}

	Optional<UserProfile> get(UUID id) {
		try {
			String cached = this.redis.opsForValue().get(key(id));
			if (cached == null) {
				this.misses.increment();
				return Optional.empty();
			}
			this.hits.increment();
			return Optional.of(this.json.readValue(cached, UserProfile.class));
		}
		catch (RuntimeException ex) {
			failed("read", id, ex);
			return Optional.empty();
		}
	}

	void put(UserProfile profile) {
		try {
			this.redis.opsForValue().set(key(profile.id()), this.json.writeValueAsString(profile), jitteredTtl());
		}
		catch (RuntimeException ex) {
			failed("write", profile.id(), ex);
		}
	}

	/**
	 * Evicts the profile once the current transaction commits (at once without one), so
	 * that no reader can cache the old row again after the eviction.
	 */
	void evictAfterCommit(UUID id) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			evict(id);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				evict(id);
			}

		});
	}

	private void evict(UUID id) {
		try {
			this.redis.delete(key(id));
		}
		catch (RuntimeException ex) {
			failed("evict", id, ex);
		}
	}

	private Duration jitteredTtl() {
		long millis = this.ttl.toMillis();
		return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 10 + 1));
	}

	private void failed(String operation, UUID id, RuntimeException ex) {
		this.meters.counter("users.profile.cache.errors", "operation", operation).increment();
		logger.warn("Profile cache {} for {} failed; using the database instead: {}", operation, id, ex.toString());
	}

}
