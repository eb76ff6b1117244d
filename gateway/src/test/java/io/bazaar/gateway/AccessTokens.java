package io.bazaar.gateway;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs access tokens the way user-service does (RS256, key id, {@code roles} claim),
 * with keys made for the test, and publishes the public half as a JWKS document.
 */
final class AccessTokens {

	static final String ISSUER = "bazaar-user-service";

	private final RSAKey publishedKey = newKey("published-key");

	private final RSAKey unpublishedKey = newKey("unpublished-key");

	/** The JWKS document user-service would serve. */
	String jwks() {
		return new JWKSet(this.publishedKey.toPublicJWK()).toString();
	}

	String customer(String userId) {
		return sign(this.publishedKey, this.publishedKey.getKeyID(), ISSUER, userId, List.of("CUSTOMER"),
				Duration.ofMinutes(5));
	}

	String expired(String userId) {
		return sign(this.publishedKey, this.publishedKey.getKeyID(), ISSUER, userId, List.of("CUSTOMER"),
				Duration.ofMinutes(-5));
	}

	/** Signed by a key nobody published, under an id nobody knows. */
	String signedByUnknownKey(String userId) {
		return sign(this.unpublishedKey, this.unpublishedKey.getKeyID(), ISSUER, userId, List.of("CUSTOMER"),
				Duration.ofMinutes(5));
	}

	/** Signed by another key while claiming the published key's id. */
	String forged(String userId) {
		return sign(this.unpublishedKey, this.publishedKey.getKeyID(), ISSUER, userId, List.of("ADMIN"),
				Duration.ofMinutes(5));
	}

	String fromAnotherIssuer(String userId) {
		return sign(this.publishedKey, this.publishedKey.getKeyID(), "someone-else", userId, List.of("CUSTOMER"),
				Duration.ofMinutes(5));
	}

	private static String sign(RSAKey key, String keyId, String issuer, String userId, List<String> roles,
			Duration lifetime) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.subject(userId)
			.claim("roles", roles)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
			.expirationTime(Date.from(now.plus(lifetime)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key.toPrivateKey()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static RSAKey newKey(String keyId) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(keyId)
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
