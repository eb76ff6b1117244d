package io.bazaar.user.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.bazaar.user.config.UsersProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign and verify access tokens, as this instance currently knows them.
 * Every instance reads the same table: the newest key signs (the one no rotation has
 * superseded yet), and every key not yet retired verifies and is published in the JWKS. A
 * rotation creates a new key and schedules the retirement of the previous one for when
 * every token it signed has expired
 * ({@link UsersProperties.Tokens#supersededKeyRetention()}). Rotations are serialised
 * across instances by a database lock, so only one instance rotates.
 */
@Component
public class SigningKeys implements SmartInitializingSingleton {

	/** The least time between two reloads caused by tokens naming an unknown key. */
	private static final Duration UNKNOWN_KEY_RELOAD_PAUSE = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

	private final SigningKeyRepository repository;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration rotationInterval;

	private final Duration retention;

	private final AtomicLong lastUnknownKeyReload = new AtomicLong(
			System.nanoTime() - UNKNOWN_KEY_RELOAD_PAUSE.toNanos());

	private volatile List<SigningKey> keys = List.of();

	SigningKeys(SigningKeyRepository repository, TransactionTemplate transactions, Clock clock,
			UsersProperties properties) {
		this.repository = repository;
		this.transactions = transactions;
		this.clock = clock;
		this.rotationInterval = properties.tokens().keyRotationInterval();
		this.retention = properties.tokens().supersededKeyRetention();
	}

	/** Creates the first key when there is none, before the server takes requests. */
	@Override
	public void afterSingletonsInstantiated() {
		rotateIfDue();
	}

	/** The key new tokens are signed with. */
	SigningKey active() {
		List<SigningKey> current = this.keys;
		if (current.isEmpty()) {
			throw new IllegalStateException("No signing key is available");
		}
		return current.get(0);
	}

	/** The public keys that verify tokens, as published at the JWKS endpoint. */
	public JWKSet publicKeys() {
		return new JWKSet(this.keys.stream().map((key) -> (JWK) key.publicJwk()).toList());
	}

	/** Every usable key with its private half, for the token encoder. */
	JWKSet privateKeys() {
		return new JWKSet(this.keys.stream().map((key) -> (JWK) key.privateJwk()).toList());
	}

	boolean knows(String kid) {
		return this.keys.stream().anyMatch((key) -> key.kid().equals(kid));
	}

	/**
	 * Re-reads the keys when a token names one this instance does not know (another
	 * instance may have just rotated), at most once per pause so that forged key ids
	 * cannot flood the database.
	 * @return whether the key is known now
	 */
	boolean reloadToFind(String kid) {
		if (knows(kid)) {
			return true;
		}
		long last = this.lastUnknownKeyReload.get();
		long now = System.nanoTime();
		if (now - last >= UNKNOWN_KEY_RELOAD_PAUSE.toNanos() && this.lastUnknownKeyReload.compareAndSet(last, now)) {
			reload();
		}
		return knows(kid);
	}

	/**
	 * Rotates when the newest key is older than the rotation interval, or none exists.
	 */
	public void rotateIfDue() {
		Instant now = this.clock.instant();
		if (!this.keys.isEmpty() && active().createdAt().plus(this.rotationInterval).isAfter(now)) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			this.repository.lockRotation();
			boolean due = this.repository.newestCreatedAt()
				.map((newest) -> !newest.plus(this.rotationInterval).isAfter(now))
				.orElse(true);
			if (due) {
				create(now);
			}
		});
		reload();
	}

	/** Replaces the signing key now, whatever its age. */
	public SigningKey rotate() {
		SigningKey created = this.transactions.execute((status) -> {
			this.repository.lockRotation();
			return create(this.clock.instant());
		});
		reload();
		return created;
	}

	/** Rotates when due, deletes keys past retirement and re-reads the rest. */
	public void maintain() {
		rotateIfDue();
		int deleted = this.repository.deleteRetired(this.clock.instant());
		if (deleted > 0) {
			logger.info("Deleted {} retired signing key(s)", deleted);
		}
		reload();
	}

	void reload() {
		this.keys = List.copyOf(this.repository.usable(this.clock.instant()));
	}

	private SigningKey create(Instant now) {
		SigningKey key = SigningKey.generate(now);
		this.repository.insert(key);
		this.repository.supersedeAllBut(key.kid(), now.plus(this.retention));
		logger.info("Created signing key {}; earlier keys verify until {}", key.kid(), now.plus(this.retention));
		return key;
	}

}
