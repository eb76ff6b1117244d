package io.bazaar.user.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Signing keys in the {@code signing_key} table, private halves encrypted with
 * {@link KeyEncryption}. Shared by every instance of the service.
 */
@Repository
class SigningKeyRepository {

	/** The advisory lock that serialises rotations across instances. */
	private static final long ROTATION_LOCK = 0x5349474e4b455953L;

	private final JdbcClient jdbc;

	private final KeyEncryption encryption;

	SigningKeyRepository(JdbcClient jdbc, KeyEncryption encryption) {
		this.jdbc = jdbc;
		this.encryption = encryption;
	}

	/** Holds the rotation lock until the current transaction ends. */
	void lockRotation() {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", ROTATION_LOCK).query().listOfRows();
	}

	Optional<Instant> newestCreatedAt() {
		return this.jdbc.sql("SELECT max(created_at) FROM signing_key")
			.query((row, number) -> Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant))
			.single();
	}

	void insert(SigningKey key) {
		this.jdbc.sql("""
				INSERT INTO signing_key (kid, public_key, private_key_encrypted, created_at)
				VALUES (:kid, :publicKey, :privateKey, :createdAt)
				""")
			.param("kid", key.kid())
			.param("publicKey", key.publicKey().getEncoded())
			.param("privateKey", this.encryption.encrypt(key.privateKey().getEncoded(), key.kid()))
			.param("createdAt", Timestamp.from(key.createdAt()))
			.update();
	}

	/** Gives every key but {@code newest} that is still unscheduled a retirement time. */
	void supersedeAllBut(String newest, Instant retireAt) {
		this.jdbc.sql("UPDATE signing_key SET retire_at = :retireAt WHERE retire_at IS NULL AND kid <> :kid")
			.param("retireAt", Timestamp.from(retireAt))
			.param("kid", newest)
			.update();
	}

	/**
	 * Keys that still verify at {@code now}, the signing key first: the one key not yet
	 * superseded (rotations are serialised, so there is exactly one), then newest first.
	 * Ordering by supersession before creation time keeps instances in agreement even
	 * when the clock of the instance that rotated ran behind.
	 */
	List<SigningKey> usable(Instant now) {
		return this.jdbc.sql("""
				SELECT kid, public_key, private_key_encrypted, created_at, retire_at
				FROM signing_key
				WHERE retire_at IS NULL OR retire_at > :now
				ORDER BY retire_at IS NULL DESC, created_at DESC, kid DESC
				""").param("now", Timestamp.from(now)).query(this::map).list();
	}

	int deleteRetired(Instant now) {
		return this.jdbc.sql("DELETE FROM signing_key WHERE retire_at <= :now")
			.param("now", Timestamp.from(now))
			.update();
	}

	private SigningKey map(ResultSet row, int number) throws SQLException {
		String kid = row.getString("kid");
		Timestamp retireAt = row.getTimestamp("retire_at");
		try {
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPublicKey publicKey = (RSAPublicKey) rsa
				.generatePublic(new X509EncodedKeySpec(row.getBytes("public_key")));
			byte[] pkcs8 = this.encryption.decrypt(row.getBytes("private_key_encrypted"), kid);
			RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			return new SigningKey(kid, publicKey, privateKey, row.getTimestamp("created_at").toInstant(),
					(retireAt != null) ? retireAt.toInstant() : null);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Signing key " + kid + " is not a readable RSA key", ex);
		}
	}

}
