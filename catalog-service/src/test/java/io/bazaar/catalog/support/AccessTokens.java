package io.bazaar.catalog.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays user-service for the tests: signs access tokens the way it does (RS256, key id,
 * {@code roles} claim, issuer {@code bazaar-user-service}) with a key made here, and
 * publishes the public half as a JWKS document from a real HTTP server.
 */
public final class AccessTokens {

	public static final String ISSUER = "bazaar-user-service";

	private static final AccessTokens shared = new AccessTokens();

	private final RSAKey publishedKey = newKey("published-key");

	private final RSAKey unpublishedKey = newKey("unpublished-key");

	private final HttpServer jwksServer;

	private AccessTokens() {
		try {
			this.jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		byte[] jwks = new JWKSet(this.publishedKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.jwksServer.createContext("/.well-known/jwks.json", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(jwks);
			}
		});
		this.jwksServer.start();
	}

	public static AccessTokens shared() {
		return shared;
	}

	/** Where simple discovery finds "user-service". */
	public String userServiceUri() {
		return "http://127.0.0.1:" + this.jwksServer.getAddress().getPort();
	}

	public String admin() {
		return sign(this.publishedKey, this.publishedKey.getKeyID(), ISSUER, List.of("CUSTOMER", "ADMIN"),
				Duration.ofMinutes(5));
	}

	public String customer() {
		return sign(this.publishedKey, this.publishedKey.getKeyID(), ISSUER, List.of("CUSTOMER"),
				Duration.ofMinutes(5));
	}

	public String service() {
		return sign(this.publishedKey, this.publishedKey.getKeyID(), ISSUER, List.of("SERVICE"), Duration.ofMinutes(5));
	}

	public String expiredAdmin() {
		return sign(this.publishedKey, this.publishedKey.getKeyID(), ISSUER, List.of("ADMIN"), Duration.ofMinutes(-5));
	}

	/** Signed by a key nobody published, claiming the published key's id. */
	public String forgedAdmin() {
		return sign(this.unpublishedKey, this.publishedKey.getKeyID(), ISSUER, List.of("ADMIN"), Duration.ofMinutes(5));
	}

	/** Signed by a key nobody published, under an id nobody knows. */
	public String adminWithUnknownKeyId() {
		return sign(this.unpublishedKey, this.unpublishedKey.getKeyID(), ISSUER, List.of("ADMIN"),
				Duration.ofMinutes(5));
	}

	public String adminFromAnotherIssuer() {
		return sign(this.publishedKey, this.publishedKey.getKeyID(), "someone-else", List.of("ADMIN"),
				Duration.ofMinutes(5));
	}

	private static String sign(RSAKey key, String keyId, String issuer, List<String> roles, Duration lifetime) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.subject(UUID.randomUUID().toString())
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
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
