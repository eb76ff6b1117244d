package io.bazaar.user.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Hashes of refresh tokens in the {@code refresh_token} table. */
@Repository
class RefreshTokenRepository {

	private final JdbcClient jdbc;

	RefreshTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, UUID familyId, UUID userId, byte[] tokenHash, Instant issuedAt, Instant expiresAt) {
		this.jdbc.sql("""
				INSERT INTO refresh_token (id, family_id, user_id, token_hash, issued_at, expires_at)
				VALUES (:id, :familyId, :userId, :tokenHash, :issuedAt, :expiresAt)
				""")
			.param("id", id)
			.param("familyId", familyId)
			.param("userId", userId)
			.param("tokenHash", tokenHash)
			.param("issuedAt", Timestamp.from(issuedAt))
			.param("expiresAt", Timestamp.from(expiresAt))
			.update();
	}

	/** Finds a token and locks its row, so two uses of one token are serialised. */
	Optional<StoredRefreshToken> findForUpdate(byte[] tokenHash) {
		return this.jdbc.sql("""
				SELECT id, family_id, user_id, expires_at, rotated_at, revoked_at
				FROM refresh_token WHERE token_hash = :tokenHash
				FOR UPDATE
				""").param("tokenHash", tokenHash).query(RefreshTokenRepository::map).optional();
	}

	Optional<UUID> familyOf(byte[] tokenHash) {
		return this.jdbc.sql("SELECT family_id FROM refresh_token WHERE token_hash = :tokenHash")
			.param("tokenHash", tokenHash)
			.query(UUID.class)
			.optional();
	}

	void markRotated(UUID id, Instant now) {
		this.jdbc.sql("UPDATE refresh_token SET rotated_at = :now WHERE id = :id")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	int revokeFamily(UUID familyId, Instant now) {
		return this.jdbc
			.sql("UPDATE refresh_token SET revoked_at = :now WHERE family_id = :familyId AND revoked_at IS NULL")
			.param("now", Timestamp.from(now))
			.param("familyId", familyId)
			.update();
	}

	/**
	 * Deletes families whose every token has expired: none of them can be used or reused
	 * any more.
	 */
	int deleteExpiredFamilies(Instant now) {
		return this.jdbc.sql("""
				DELETE FROM refresh_token WHERE family_id IN (
				    SELECT family_id FROM refresh_token GROUP BY family_id HAVING max(expires_at) <= :now)
				""").param("now", Timestamp.from(now)).update();
	}

	private static StoredRefreshToken map(ResultSet row, int number) throws SQLException {
		return new StoredRefreshToken(row.getObject("id", UUID.class), row.getObject("family_id", UUID.class),
				row.getObject("user_id", UUID.class), row.getTimestamp("expires_at").toInstant(),
				instant(row.getTimestamp("rotated_at")), instant(row.getTimestamp("revoked_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	record StoredRefreshToken(UUID id, UUID familyId, UUID userId, Instant expiresAt, Instant rotatedAt,
			Instant revokedAt) {

	}

}
