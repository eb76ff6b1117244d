package io.bazaar.runtime.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.util.Assert;

/**
 * Access tokens whose signature and claims were verified in the last {@code timeToLive},
 * by their exact text, so that a client's next requests with the same token skip the
 * signature check (a client sends one token for many requests; the check is the costliest
 * step of authenticating one). The text includes the signature, so only the very token
 * that was verified is found. A remembered token is still checked for expiry on every
 * use, and forgotten after {@code timeToLive}, which bounds how long a token signed by a
 * key withdrawn from the key set is still accepted. At most {@code capacity} tokens are
 * kept: when full, expired entries go, and if none has, all go.
 */
public final class VerifiedTokens {

	private static final int DEFAULT_CAPACITY = 10_000;

	private final Map<String, Entry> tokens = new ConcurrentHashMap<>();

	private final OAuth2TokenValidator<Jwt> stillValid;

	private final Duration timeToLive;

	private final int capacity;

	private final Clock clock;

	public VerifiedTokens(Duration timeToLive) {
		this(timeToLive, DEFAULT_CAPACITY, Clock.systemUTC());
	}

	public VerifiedTokens(Duration timeToLive, int capacity, Clock clock) {
		Assert.isTrue(!timeToLive.isNegative(), "The time to live must not be negative");
		Assert.isTrue(capacity > 0, "The capacity must be positive");
		this.timeToLive = timeToLive;
		this.capacity = capacity;
		this.clock = clock;
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setClock(clock);
		this.stillValid = timestamps;
	}

	/**
	 * @return the verified token of that text, if one was remembered, is not older than
	 * the time to live and has not expired since; otherwise {@code null}
	 */
	public Jwt find(String token) {
		Entry entry = this.tokens.get(token);
		if (entry == null) {
			return null;
		}
		if (this.clock.instant().isAfter(entry.forgetAt()) || this.stillValid.validate(entry.jwt()).hasErrors()) {
			this.tokens.remove(token, entry);
			return null;
		}
		return entry.jwt();
	}

	/** Remembers a token that was just verified. */
	public void remember(String token, Jwt jwt) {
		if (this.timeToLive.isZero()) {
			return;
		}
		Instant now = this.clock.instant();
		if (this.tokens.size() >= this.capacity) {
			this.tokens.values().removeIf((entry) -> now.isAfter(entry.forgetAt()));
			if (this.tokens.size() >= this.capacity) {
				this.tokens.clear();
			}
		}
		this.tokens.put(token, new Entry(jwt, now.plus(this.timeToLive)));
	}

	int size() {
		return this.tokens.size();
	}

	private record Entry(Jwt jwt, Instant forgetAt) {

	}

}
