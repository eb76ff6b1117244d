package io.bazaar.user.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.bazaar.user.config.UsersProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts private signing keys at rest with AES-256-GCM under a key derived
 * (HKDF-SHA256) from {@code USERS_KEY_ENCRYPTION_SECRET}. The key id is bound in as
 * associated data, so a ciphertext cannot be swapped onto another row.
 */
@Component
class KeyEncryption {

	private static final String KEY_INFO = "bazaar user-service signing-key encryption v1";

	private static final byte[] SALT = "bazaar-user-service".getBytes(StandardCharsets.UTF_8);

	private static final int MIN_SECRET_LENGTH = 32;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final SecretKey key;

	@Autowired
	KeyEncryption(UsersProperties properties) {
		this(properties.tokens().keyEncryptionSecret());
	}

	KeyEncryption(String secret) {
		// Checked here rather than with @Size so that a failed start-up never prints the
		// value.
		if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalStateException(
					"USERS_KEY_ENCRYPTION_SECRET must be at least " + MIN_SECRET_LENGTH + " characters long");
		}
		this.key = new SecretKeySpec(hkdf(secret.getBytes(StandardCharsets.UTF_8)), "AES");
	}

	/**
	 * @return nonce followed by ciphertext and tag
	 */
	byte[] encrypt(byte[] plaintext, String kid) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			byte[] ciphertext = cipher.doFinal(plaintext);
			return ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt signing key " + kid, ex);
		}
	}

	byte[] decrypt(byte[] sealed, String kid) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not decrypt signing key " + kid
					+ ": USERS_KEY_ENCRYPTION_SECRET differs from the one it was encrypted with", ex);
		}
	}

	/** RFC 5869 HKDF-SHA256 with one block of output: a 256-bit AES key. */
	private static byte[] hkdf(byte[] secret) {
		try {
			Mac extract = Mac.getInstance("HmacSHA256");
			extract.init(new SecretKeySpec(SALT, "HmacSHA256"));
			byte[] pseudoRandomKey = extract.doFinal(secret);
			Mac expand = Mac.getInstance("HmacSHA256");
			expand.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
			expand.update(KEY_INFO.getBytes(StandardCharsets.UTF_8));
			expand.update((byte) 1);
			return expand.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
