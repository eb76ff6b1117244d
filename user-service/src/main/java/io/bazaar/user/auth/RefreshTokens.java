package io.bazaar.user.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.bazaar.user.auth.RefreshTokenRepository.StoredRefreshToken;
import io.bazaar.user.config.UsersProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opaque refresh tokens (32 random bytes, base64url), stored only as SHA-256 hashes.
 * Every login starts a family; every use rotates the token within it. A token used a
 * second time means it leaked (or its holder is replaying it), so the whole family is
 * revoked and every holder must log in again.
 */
@Component
class RefreshTokens {

	private static final int TOKEN_BYTES = 32;

	private static final Logger logger = LoggerFactory.getLogger(RefreshTokens.class);

	private final SecureRandom random = new SecureRandom();

	private final RefreshTokenRepository repository;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration ttl;

	RefreshTokens(RefreshTokenRepository repository, TransactionTemplate transactions, Clock clock,
			UsersProperties properties) {
		this.repository = repository;
		this.transactions = transactions;
		this.clock = clock;
		this.ttl = properties.tokens().refreshTokenTtl();
	}

	/** Starts a new family for the account. */
	String issue(UUID userId) {
		return issue(userId, UUID.randomUUID(), this.clock.instant());
	}

	/**
	 * Exchanges a refresh token for its successor in the same family. A refused token
	 * leaves its family's revocation (when it was reused) committed.
	 */
	Rotation rotate(String presented) {
		return this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			StoredRefreshToken stored = this.repository.findForUpdate(hash(presented)).orElse(null);
			if (stored == null) {
				return Rotation.refused("unknown");
			}
			if (stored.revokedAt() != null) {
				return Rotation.refused("revoked");
			}
			if (stored.rotatedAt() != null) {
				int revoked = this.repository.revokeFamily(stored.familyId(), now);
				logger.warn("Refresh token of family {} (account {}) was used again after rotation; revoked the family "
						+ "({} token(s))", stored.familyId(), stored.userId(), revoked);
				return Rotation.refused("reused");
			}
			if (!stored.expiresAt().isAfter(now)) {
				return Rotation.refused("expired");
			}
			this.repository.markRotated(stored.id(), now);
			return Rotation.to(stored.userId(), issue(stored.userId(), stored.familyId(), now));
		});
	}

	/** Revokes the family the token belongs to; an unknown token changes nothing. */
	void revokeFamilyOf(String presented) {
		this.repository.familyOf(hash(presented))
			.ifPresent((family) -> this.repository.revokeFamily(family, this.clock.instant()));
	}

	int deleteExpiredFamilies() {
		return this.repository.deleteExpiredFamilies(this.clock.instant());
	}

	private String issue(UUID userId, UUID familyId, Instant now) {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.repository.insert(UUID.randomUUID(), familyId, userId, hash(token), now, now.plus(this.ttl));
		return token;
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The outcome of presenting a refresh token.
	 *
	 * @param userId the account it belongs to, when accepted
	 * @param successor the token that replaces it, when accepted
	 * @param refusal why it was refused, when refused
	 */
	record Rotation(UUID userId, String successor, String refusal) {

		static Rotation to(UUID userId, String successor) {
			return new Rotation(userId, successor, null);
		}

		static Rotation refused(String reason) {
			return new Rotation(null, null, reason);
		}

		boolean accepted() {
			return this.refusal == null;
		}

	}

}
