package io.bazaar.user.auth;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.bazaar.testsupport.security.TokenIssuer;
import io.bazaar.user.account.Account;
import io.bazaar.user.account.AccountRepository;
import io.bazaar.user.support.ApiClient.Response;
import io.bazaar.user.support.TestAccounts;
import io.bazaar.user.support.UserServiceIntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.bazaar.user.support.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** The service checks the tokens it is called with itself, with its own keys. */
class AccessTokenVerificationIntegrationTest extends UserServiceIntegrationTestBase {

	@Autowired
	private SigningKeys keys;

	@Autowired
	private AccessTokens accessTokens;

	@Autowired
	private AccountRepository accounts;

	private String email;

	private String accessToken;

	@BeforeEach
	void customerWithAToken() {
		this.email = TestAccounts.uniqueEmail();
		this.accessToken = this.api.registerAndLogin(this.email, "Ada").get("accessToken").asString();
	}

	@Nested
	class KeyRotation {

		@Test
		void aTokenSignedWithThePreviousKeyStillVerifiesAfterRotation() {
			String oldKid = kidOf(AccessTokenVerificationIntegrationTest.this.accessToken);

			SigningKey rotated = AccessTokenVerificationIntegrationTest.this.keys.rotate();

			assertThat(rotated.kid()).isNotEqualTo(oldKid);
			assertThat(me(AccessTokenVerificationIntegrationTest.this.accessToken).status()).isEqualTo(200);
			assertThat(publishedKids()).contains(oldKid, rotated.kid());
			String newToken = AccessTokenVerificationIntegrationTest.this.api
				.login(AccessTokenVerificationIntegrationTest.this.email, TestAccounts.PASSWORD)
				.json()
				.get("accessToken")
				.asString();
			assertThat(kidOf(newToken)).isEqualTo(rotated.kid());
			assertThat(me(newToken).status()).isEqualTo(200);
		}

		@Test
		void theJwksPublishesPublicHalvesOnlyWithoutAuthentication() {
			Response jwks = AccessTokenVerificationIntegrationTest.this.api.get("/.well-known/jwks.json");

			assertThat(jwks.status()).isEqualTo(200);
			assertThat(jwks.contentType()).startsWith("application/json");
			JsonNode keys = jwks.json().get("keys");
			assertThat(keys.size()).isPositive();
			for (JsonNode key : keys) {
				assertThat(key.get("kty").asString()).isEqualTo("RSA");
				assertThat(key.get("alg").asString()).isEqualTo("RS256");
				assertThat(key.get("use").asString()).isEqualTo("sig");
				assertThat(key.get("kid").asString()).isNotBlank();
				assertThat(key.propertyNames()).doesNotContain("d", "p", "q", "dp", "dq", "qi");
			}
			assertThat(publishedKids()).contains(AccessTokenVerificationIntegrationTest.this.keys.active().kid());
		}

	}

	@Nested
	class RefusedTokens {

		@Test
		void anExpiredTokenIsRefused() {
			Account account = AccessTokenVerificationIntegrationTest.this.accounts
				.findByEmail(AccessTokenVerificationIntegrationTest.this.email)
				.orElseThrow();
			String expired = AccessTokenVerificationIntegrationTest.this.accessTokens.issue(account,
					Instant.now().minusSeconds(3600));

			assertUnauthorized(me(expired));
		}

		@Test
		void aTokenSignedByAnUnknownKeyIsRefused() {
			String token = TokenIssuer.shared().signedByUnknownKey(account().id());

			assertUnauthorized(me(token));
		}

		@Test
		void aTokenNamingAKnownKeyButSignedByAnotherIsRefused() {
			String token = TokenIssuer.forged(account().id(),
					AccessTokenVerificationIntegrationTest.this.keys.active().kid());

			assertUnauthorized(me(token));
		}

		@Test
		void aTokenWhosePayloadWasAlteredIsRefused() {
			String[] parts = AccessTokenVerificationIntegrationTest.this.accessToken.split("\\.");
			String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
				.replace("[\"CUSTOMER\"]", "[\"CUSTOMER\",\"ADMIN\"]");
			assertThat(payload).contains("ADMIN");
			String tampered = parts[0] + "."
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
					+ "." + parts[2];

			assertUnauthorized(me(tampered));
			assertUnauthorized(AccessTokenVerificationIntegrationTest.this.api.get("/api/users/" + UUID.randomUUID(),
					"Authorization", bearer(tampered)));
		}

		@Test
		void aTokenOfAnotherIssuerIsRefusedEvenWithOurKey() throws Exception {
			SigningKey active = AccessTokenVerificationIntegrationTest.this.keys.active();
			String token = sign(claims().issuer("someone-else").build(), active.kid(), active.privateKey());

			assertUnauthorized(me(token));
		}

		@Test
		void anOtherwiseValidTokenSignedWithOurKeyIsAccepted() throws Exception {
			SigningKey active = AccessTokenVerificationIntegrationTest.this.keys.active();
			String token = sign(claims().build(), active.kid(), active.privateKey());

			assertThat(me(token).status()).isEqualTo(200);
		}

		@Test
		void anUnsignedTokenIsRefused() {
			String token = new PlainJWT(claims().build()).serialize();

			assertUnauthorized(me(token));
		}

		@Test
		void aTokenWithoutKeyIdIsRefused() throws Exception {
			SigningKey active = AccessTokenVerificationIntegrationTest.this.keys.active();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
					claims().build());
			jwt.sign(new RSASSASigner(active.privateKey()));

			assertUnauthorized(me(jwt.serialize()));
		}

		@Test
		void identityHeadersFromOutsideAreIgnored() {
			String id = AccessTokenVerificationIntegrationTest.this.accounts
				.findByEmail(AccessTokenVerificationIntegrationTest.this.email)
				.orElseThrow()
				.id()
				.toString();

			assertUnauthorized(AccessTokenVerificationIntegrationTest.this.api.get("/api/users/me", "X-User-Id", id,
					"X-User-Roles", "ADMIN", "X-Authenticated-User", id));
		}

		@Test
		void noTokenAtAllIsRefused() {
			assertUnauthorized(AccessTokenVerificationIntegrationTest.this.api.get("/api/users/me"));
		}

		private Account account() {
			return AccessTokenVerificationIntegrationTest.this.accounts
				.findByEmail(AccessTokenVerificationIntegrationTest.this.email)
				.orElseThrow();
		}

		private JWTClaimsSet.Builder claims() {
			Account account = account();
			Instant now = Instant.now();
			return new JWTClaimsSet.Builder().issuer("bazaar-user-service")
				.subject(account.id().toString())
				.claim("roles", List.of("CUSTOMER"))
				.claim("email", account.email())
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(600)))
				.jwtID(UUID.randomUUID().toString());
		}

	}

	private Response me(String token) {
		return this.api.get("/api/users/me", "Authorization", bearer(token));
	}

	private List<String> publishedKids() {
		return this.api.get("/.well-known/jwks.json")
			.json()
			.get("keys")
			.valueStream()
			.map((key) -> key.get("kid").asString())
			.toList();
	}

	private static void assertUnauthorized(Response response) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("https://bazaar.example/problems/unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
	}

	private static String kidOf(String token) {
		return TokenIntegrationTest.part(token, 0).get("kid").asString();
	}

	private static String sign(JWTClaimsSet claims, String kid, PrivateKey key) throws Exception {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
