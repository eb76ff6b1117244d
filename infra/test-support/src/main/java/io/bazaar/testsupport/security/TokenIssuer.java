package io.bazaar.testsupport.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stands in for user-service as the issuer of access tokens: RS256 JWTs carrying what
 * user-service puts in them ({@code kid}; {@code iss}, {@code sub}, {@code roles},
 * {@code email}, {@code iat}, {@code exp}, {@code jti}), signed with a key made here
 * whose public half a real HTTP server publishes as user-service's JWKS document; and the
 * bad tokens a service must refuse, each an administrator's, the kind a service wrongly
 * accepting it would grant the most. One per test JVM.
 */
public final class TokenIssuer {

	/** The {@code iss} the services accept. */
	public static final String ISSUER = "bazaar-user-service";

	public static final String JWKS_PATH = "/.well-known/jwks.json";

	/** The setting that makes simple discovery find {@code user-service} at a URI. */
	public static final String DISCOVERY_PROPERTY = "spring.cloud.discovery.client.simple.instances.user-service[0].uri";

	private static final Duration LIFETIME = Duration.ofMinutes(15);

	private static final List<String> CUSTOMER = List.of("CUSTOMER");

	/** An administrator's roles as user-service gives them. */
	private static final List<String> ADMIN = List.of("CUSTOMER", "ADMIN");

	private static TokenIssuer shared;

	private final RSAKey key = newKey("published-" + UUID.randomUUID());

	private HttpServer server;

	private TokenIssuer() {
	}

	public static synchronized TokenIssuer shared() {
		if (shared == null) {
			shared = new TokenIssuer();
		}
		return shared;
	}

	/**
	 * Where user-service is, for the service under test. The JWKS server starts on the
	 * first call: tests that only need tokens run none.
	 */
	public synchronized URI uri() {
		if (this.server == null) {
			this.server = serve(jwks().getBytes(StandardCharsets.UTF_8));
		}
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public URI jwksUri() {
		return uri().resolve(JWKS_PATH);
	}

	/** Makes the service under test find user-service here. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add(DISCOVERY_PROPERTY, this::uri);
	}

	/** The JWKS document: the public half of the signing key. */
	public String jwks() {
		return new JWKSet(this.key.toPublicJWK()).toString();
	}

	/** A customer's token, of a user of its own. */
	public String customer() {
		return customer(UUID.randomUUID());
	}

	public String customer(UUID userId) {
		return published(claims(userId, CUSTOMER, Instant.now()));
	}

	/** An administrator's token, of a user of its own. */
	public String admin() {
		return admin(UUID.randomUUID());
	}

	public String admin(UUID userId) {
		return published(claims(userId, ADMIN, Instant.now()));
	}

	/** The token of another service calling on its own behalf. */
	public String service() {
		return published(claims(UUID.randomUUID(), List.of("SERVICE"), Instant.now()));
	}

	/** Expired five minutes ago, beyond any allowed clock skew. */
	public String expired(UUID userId) {
		return published(claims(userId, ADMIN, Instant.now().minus(LIFETIME).minus(Duration.ofMinutes(5))));
	}

	/** Signed with the published key, but issued by someone else. */
	public String fromAnotherIssuer(UUID userId) {
		return published(new JWTClaimsSet.Builder(claims(userId, ADMIN, Instant.now())).issuer("someone-else").build());
	}

	/** Signed by a key nobody published, under a key id nobody knows. */
	public String signedByUnknownKey(UUID userId) {
		RSAKey stranger = newKey("unknown-" + UUID.randomUUID());
		return sign(stranger, stranger.getKeyID(), claims(userId, ADMIN, Instant.now()));
	}

	/** Signed by a key nobody published, naming the published key. */
	public String forged(UUID userId) {
		return forged(userId, this.key.getKeyID());
	}

	/** Signed by a key nobody published, naming a real issuer's key {@code keyId}. */
	public static String forged(UUID userId, String keyId) {
		return sign(newKey("forger"), keyId, claims(userId, ADMIN, Instant.now()));
	}

	private String published(JWTClaimsSet claims) {
		return sign(this.key, this.key.getKeyID(), claims);
	}

	private static JWTClaimsSet claims(UUID userId, List<String> roles, Instant issuedAt) {
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(userId.toString())
			.claim("roles", roles)
			.claim("email", "user-" + userId + "@bazaar.example")
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plus(LIFETIME)))
			.jwtID(UUID.randomUUID().toString())
			.build();
	}

	private static String sign(RSAKey signingKey, String keyId, JWTClaimsSet claims) {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).type(JOSEObjectType.JWT).build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(signingKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a token", ex);
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

	private static HttpServer serve(byte[] jwks) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext(JWKS_PATH, (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(jwks);
				}
			});
			// Several service instances may fetch the keys at once.
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the JWKS server", ex);
		}
	}

}
