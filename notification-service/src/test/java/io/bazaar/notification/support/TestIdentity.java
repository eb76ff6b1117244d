package io.bazaar.notification.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stands in for user-service as the issuer of access tokens: an RSA key generated here,
 * its public half served as a JWKS by a real HTTP server that simple discovery knows as
 * {@code user-service}, and tokens signed with it. One per test JVM.
 */
public final class TestIdentity {

	private static final String ISSUER = "bazaar-user-service";

	private static TestIdentity shared;

	private final RSAKey key;

	private final HttpServer server;

	private TestIdentity(RSAKey key, HttpServer server) {
		this.key = key;
		this.server = server;
	}

	public static synchronized TestIdentity shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	private static TestIdentity start() {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
			byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/.well-known/jwks.json", (exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(jwks);
				}
			});
			server.start();
			return new TestIdentity(key, server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Where user-service is found by the service under test. */
	public String userServiceUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", this::userServiceUri);
	}

	/** A valid access token of a customer. */
	public String tokenFor(UUID userId) {
		return tokenFor(userId, "CUSTOMER");
	}

	/** A valid access token of an administrator. */
	public String adminToken() {
		return tokenFor(UUID.randomUUID(), "ADMIN");
	}

	private String tokenFor(UUID userId, String role) {
		return sign(new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(userId.toString())
			.claim("roles", List.of(role))
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(900)))
			.build());
	}

	/** A token that expired a minute ago. */
	public String expiredTokenFor(UUID userId) {
		return sign(new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(userId.toString())
			.claim("roles", List.of("CUSTOMER"))
			.issueTime(Date.from(Instant.now().minusSeconds(960)))
			.expirationTime(Date.from(Instant.now().minusSeconds(60)))
			.build());
	}

	private String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
