package io.bazaar.order.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

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
 * Stands in for user-service's token side: an RSA key whose public half is served as a
 * JWKS document by a real HTTP server (registered as {@code user-service} in discovery),
 * and RS256 access tokens signed with it, with the claims user-service issues.
 */
public final class TokenIssuer implements AutoCloseable {

	public static final String ISSUER = "bazaar-user-service";

	private final RSAKey key;

	private final HttpServer server;

	private TokenIssuer(RSAKey key, HttpServer server) {
		this.key = key;
		this.server = server;
	}

	public static TokenIssuer start() {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID("order-tests-" + UUID.randomUUID()).generate();
			byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/.well-known/jwks.json", (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(jwks);
				}
			});
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return new TokenIssuer(key, server);
		}
		catch (JOSEException | IOException ex) {
			throw new IllegalStateException("Could not start the token issuer", ex);
		}
	}

	/** Where the JWKS server answers; discovery maps {@code user-service} here. */
	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public String customer(UUID userId) {
		return token(userId, List.of("CUSTOMER"), this.key);
	}

	public String admin(UUID userId) {
		return token(userId, List.of("ADMIN"), this.key);
	}

	/** A well-formed token signed by a key the service does not trust. */
	public static String forged(UUID userId) {
		try {
			return token(userId, List.of("CUSTOMER"), new RSAKeyGenerator(2048).keyID("forged").generate());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String token(UUID userId, List<String> roles, RSAKey signingKey) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(userId.toString())
			.claim("roles", roles)
			.claim("email", "user-" + userId + "@bazaar.example")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(3600)))
			.build();
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(signingKey));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a token", ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
