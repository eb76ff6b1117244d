package io.bazaar.user.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * An RSA key pair that signs access tokens (RS256).
 *
 * @param kid the key id, the RFC 7638 thumbprint of the public key
 * @param publicKey the public half, published in the JWKS
 * @param privateKey the private half, never leaving this service
 * @param createdAt when it was created; the newest key signs
 * @param retireAt when it stops verifying, or {@code null} while it is the newest
 */
record SigningKey(String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey, Instant createdAt, Instant retireAt) {

	private static final int KEY_SIZE = 2048;

	static SigningKey generate(Instant now) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(KEY_SIZE);
			KeyPair pair = generator.generateKeyPair();
			RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
			String kid = new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
			return new SigningKey(kid, publicKey, (RSAPrivateKey) pair.getPrivate(), now, null);
		}
		catch (NoSuchAlgorithmException | JOSEException ex) {
			throw new IllegalStateException("Could not generate an RSA signing key", ex);
		}
	}

	/** The public key as a JWK, as published. */
	RSAKey publicJwk() {
		return new RSAKey.Builder(this.publicKey).keyID(this.kid)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256)
			.build();
	}

	/** Both halves as a JWK, for signing. */
	RSAKey privateJwk() {
		return new RSAKey.Builder(this.publicKey).privateKey(this.privateKey)
			.keyID(this.kid)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256)
			.build();
	}

	@Override
	public String toString() {
		return "SigningKey[kid=" + this.kid + ", createdAt=" + this.createdAt + ", retireAt=" + this.retireAt + "]";
	}

}
