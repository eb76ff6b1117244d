package io.bazaar.user.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the user service.
 *
 * @param tokens access tokens, refresh tokens and the keys that sign them
 * @param admin the first administrator, created at start-up when none exists
 * @param profileCache the Redis cache of profile reads
 * @param maxRequestBody the largest request body accepted; larger ones are answered 413
 * @param passwordHashing how many password hashes may run at once
 */
@ConfigurationProperties("users")
@Validated
public record UsersProperties(@Valid @DefaultValue Tokens tokens, @Valid @DefaultValue Admin admin,
		@Valid @DefaultValue ProfileCache profileCache, @NotNull @DefaultValue("16KB") DataSize maxRequestBody,
		@Valid @DefaultValue PasswordHashing passwordHashing) {

	/**
	 * @param issuer the {@code iss} of every access token
	 * @param accessTokenTtl lifetime of an access token
	 * @param refreshTokenTtl lifetime of a refresh token, renewed with every rotation
	 * @param keyRotationInterval how long a signing key signs before a new one replaces
	 * it
	 * @param keyRefreshInterval how often an instance re-reads the signing keys, so that
	 * keys another instance created become known
	 * @param keyEncryptionSecret the secret the private keys are encrypted under
	 * ({@code USERS_KEY_ENCRYPTION_SECRET}); at least 32 characters
	 */
	public record Tokens(@NotBlank @DefaultValue("bazaar-user-service") String issuer,
			@NotNull @DefaultValue("PT15M") Duration accessTokenTtl,
			@NotNull @DefaultValue("P14D") Duration refreshTokenTtl,
			@NotNull @DefaultValue("P30D") Duration keyRotationInterval,
			@NotNull @DefaultValue("PT30S") Duration keyRefreshInterval, @NotBlank String keyEncryptionSecret) {

		/**
		 * How long a superseded key must keep verifying: every token it signed, including
		 * by instances that have not yet noticed the rotation, must have expired.
		 */
		public Duration supersededKeyRetention() {
			return this.accessTokenTtl.plus(this.keyRefreshInterval.multipliedBy(2)).plusMinutes(1);
		}

		@Override
		public String toString() {
			return "Tokens[issuer=" + this.issuer + ", accessTokenTtl=" + this.accessTokenTtl + ", refreshTokenTtl="
					+ this.refreshTokenTtl + ", keyRotationInterval=" + this.keyRotationInterval
					+ ", keyRefreshInterval=" + this.keyRefreshInterval + ", keyEncryptionSecret=(hidden)]";
		}

	}

	/**
	 * @param email the administrator's email ({@code users.admin.email})
	 * @param password the administrator's initial password ({@code USERS_ADMIN_PASSWORD})
	 */
	public record Admin(String email, String password) {

		/** Whether both settings are given, so an administrator can be seeded. */
		public boolean configured() {
			return StringUtils.hasText(this.email) && StringUtils.hasText(this.password);
		}

		@Override
		public String toString() {
			return "Admin[email=" + this.email + ", password=(hidden)]";
		}

	}

	/**
	 * @param ttl how long a cached profile lives; each entry gets up to 10% more so that
	 * entries written together do not expire together
	 */
	public record ProfileCache(@NotNull @DefaultValue("PT10M") Duration ttl) {

	}

	/**
	 * The bulkhead around password hashing (Argon2, 16 MiB of memory each): sign-ups may
	 * use all permits but one and are refused at once when none is free; sign-ins wait
	 * for one up to {@code maxWait}.
	 *
	 * @param maxConcurrent how many hashes may run at once; {@code 0} sizes it to the
	 * machine: the available processors, but no more than a quarter of the maximum heap
	 * holds
	 * @param maxWait how long a sign-in waits for a permit before it is answered 503
	 */
	public record PasswordHashing(@Min(0) @DefaultValue("0") int maxConcurrent,
			@NotNull @DefaultValue("PT2S") Duration maxWait) {

	}

}
