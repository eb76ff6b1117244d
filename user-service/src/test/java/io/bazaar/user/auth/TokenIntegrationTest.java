package io.bazaar.user.auth;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.bazaar.user.support.ApiClient.Response;
import io.bazaar.user.support.TestAccounts;
import io.bazaar.user.support.UserServiceIntegrationTestBase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.bazaar.user.support.ApiClient.bearer;
import static io.bazaar.user.support.ApiClient.toJson;
import static org.assertj.core.api.Assertions.assertThat;

class TokenIntegrationTest extends UserServiceIntegrationTestBase {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private JdbcTemplate jdbc;

	@Nested
	class Login {

		@Test
		void answersTheTokenResponseOfTheContract() {
			String email = TestAccounts.uniqueEmail();
			String id = TokenIntegrationTest.this.api.register(email, TestAccounts.PASSWORD, "Ada")
				.json()
				.get("id")
				.asString();

			Response response = TokenIntegrationTest.this.api.login(email.toUpperCase(), TestAccounts.PASSWORD);

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.contentType()).startsWith("application/json");
			JsonNode tokens = response.json();
			assertThat(tokens.propertyNames()).containsExactlyInAnyOrder("accessToken", "tokenType", "expiresIn",
					"refreshToken");
			assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
			assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
			assertThat(Base64.getUrlDecoder().decode(tokens.get("refreshToken").asString())).hasSize(32);

			JsonNode header = part(tokens.get("accessToken").asString(), 0);
			JsonNode claims = part(tokens.get("accessToken").asString(), 1);
			assertThat(header.get("alg").asString()).isEqualTo("RS256");
			assertThat(header.get("kid").asString()).isNotBlank();
			assertThat(claims.get("iss").asString()).isEqualTo("bazaar-user-service");
			assertThat(claims.get("sub").asString()).isEqualTo(id);
			assertThat(claims.get("email").asString()).isEqualTo(email);
			assertThat(claims.get("roles").isArray()).isTrue();
			assertThat(claims.get("roles").get(0).asString()).isEqualTo("CUSTOMER");
			assertThat(claims.get("roles").size()).isEqualTo(1);
			assertThat(claims.get("jti").asString()).isNotBlank();
			assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(900);
			assertThat(Instant.ofEpochSecond(claims.get("iat").asLong())).isBetween(Instant.now().minusSeconds(60),
					Instant.now().plusSeconds(5));
		}

		@Test
		void theAccessTokenOpensTheCallersProfile() {
			String email = TestAccounts.uniqueEmail();
			JsonNode tokens = TokenIntegrationTest.this.api.registerAndLogin(email, "Grace");

			Response me = TokenIntegrationTest.this.api.get("/api/users/me", "Authorization",
					bearer(tokens.get("accessToken").asString()));

			assertThat(me.status()).isEqualTo(200);
			assertThat(me.json().get("email").asString()).isEqualTo(email);
		}

		@Test
		void wrongPasswordAndUnknownEmailAreRefusedAlike() {
			String email = TestAccounts.uniqueEmail();
			TokenIntegrationTest.this.api.register(email, TestAccounts.PASSWORD, "Ada");

			Response wrongPassword = TokenIntegrationTest.this.api.login(email, "not-the-passw0rd");
			Response unknownEmail = TokenIntegrationTest.this.api.login(TestAccounts.uniqueEmail(),
					TestAccounts.PASSWORD);

			assertThat(wrongPassword.status()).isEqualTo(401);
			assertThat(unknownEmail.status()).isEqualTo(401);
			assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
			assertThat(wrongPassword.json().get("type").asString())
				.isEqualTo("https://bazaar.example/problems/invalid-credentials");
			assertThat(wrongPassword.json().has("traceId")).isTrue();
			assertThat(withoutTraceId(wrongPassword.json())).as("nothing but the trace tells them apart")
				.isEqualTo(withoutTraceId(unknownEmail.json()));
		}

	}

	@Nested
	class Refresh {

		@Test
		void rotatesTheRefreshTokenAndIssuesANewAccessToken() {
			JsonNode first = TokenIntegrationTest.this.api.registerAndLogin(TestAccounts.uniqueEmail(), "Ada");

			Response refreshed = refresh(first.get("refreshToken").asString());

			assertThat(refreshed.status()).isEqualTo(200);
			JsonNode second = refreshed.json();
			assertThat(second.get("refreshToken").asString()).isNotEqualTo(first.get("refreshToken").asString());
			assertThat(second.get("accessToken").asString()).isNotEqualTo(first.get("accessToken").asString());
			assertThat(refresh(second.get("refreshToken").asString()).status()).isEqualTo(200);
		}

		@Test
		void storesOnlyAHashOfTheToken() {
			JsonNode tokens = TokenIntegrationTest.this.api.registerAndLogin(TestAccounts.uniqueEmail(), "Ada");
			String token = tokens.get("refreshToken").asString();

			Integer byHash = TokenIntegrationTest.this.jdbc.queryForObject(
					"SELECT count(*) FROM refresh_token WHERE token_hash = sha256(convert_to(?, 'UTF8'))",
					Integer.class, token);
			Integer byValue = TokenIntegrationTest.this.jdbc.queryForObject(
					"SELECT count(*) FROM refresh_token WHERE encode(token_hash, 'escape') LIKE '%' || ? || '%'",
					Integer.class, token);

			assertThat(byHash).isOne();
			assertThat(byValue).isZero();
		}

		@Test
		void reusingARotatedTokenRevokesTheWholeFamily() {
			JsonNode first = TokenIntegrationTest.this.api.registerAndLogin(TestAccounts.uniqueEmail(), "Ada");
			String original = first.get("refreshToken").asString();
			String successor = refresh(original).json().get("refreshToken").asString();

			Response reuse = refresh(original);

			assertThat(reuse.status()).isEqualTo(401);
			assertThat(reuse.contentType()).startsWith("application/problem+json");
			assertThat(reuse.json().get("type").asString())
				.isEqualTo("https://bazaar.example/problems/invalid-refresh-token");
			assertThat(refresh(successor).status()).as("the successor was revoked with its family").isEqualTo(401);
		}

		@Test
		void otherLoginsOfTheSameAccountSurviveARevokedFamily() {
			String email = TestAccounts.uniqueEmail();
			JsonNode phone = TokenIntegrationTest.this.api.registerAndLogin(email, "Ada");
			JsonNode laptop = TokenIntegrationTest.this.api.login(email, TestAccounts.PASSWORD).json();
			String original = phone.get("refreshToken").asString();
			refresh(original);
			refresh(original);

			assertThat(refresh(laptop.get("refreshToken").asString()).status()).isEqualTo(200);
		}

		@Test
		void anExpiredRefreshTokenIsRefused() {
			JsonNode tokens = TokenIntegrationTest.this.api.registerAndLogin(TestAccounts.uniqueEmail(), "Ada");
			String token = tokens.get("refreshToken").asString();
			TokenIntegrationTest.this.jdbc.update("UPDATE refresh_token SET expires_at = now() - interval '1 second' "
					+ "WHERE token_hash = sha256(convert_to(?, 'UTF8'))", token);

			Response response = refresh(token);

			assertThat(response.status()).isEqualTo(401);
			assertThat(response.json().get("type").asString())
				.isEqualTo("https://bazaar.example/problems/invalid-refresh-token");
		}

		@Test
		void anUnknownRefreshTokenIsRefused() {
			assertThat(refresh(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32])).status())
				.isEqualTo(401);
		}

	}

	@Nested
	class Logout {

		@Test
		void revokesTheFamilySoNoTokenOfItRefreshes() {
			JsonNode first = TokenIntegrationTest.this.api.registerAndLogin(TestAccounts.uniqueEmail(), "Ada");
			String original = first.get("refreshToken").asString();
			String successor = refresh(original).json().get("refreshToken").asString();

			Response logout = TokenIntegrationTest.this.api.post("/api/auth/logout",
					toJson(Map.of("refreshToken", successor)));

			assertThat(logout.status()).isEqualTo(204);
			assertThat(logout.body()).isEmpty();
			assertThat(refresh(successor).status()).isEqualTo(401);
			Integer live = TokenIntegrationTest.this.jdbc.queryForObject(
					"SELECT count(*) FROM refresh_token WHERE family_id = (SELECT family_id FROM refresh_token "
							+ "WHERE token_hash = sha256(convert_to(?, 'UTF8'))) AND revoked_at IS NULL",
					Integer.class, successor);
			assertThat(live).isZero();
		}

		@Test
		void withAnUnknownTokenChangesNothingAndStillSucceeds() {
			Response logout = TokenIntegrationTest.this.api.post("/api/auth/logout",
					toJson(Map.of("refreshToken", UUID.randomUUID().toString())));

			assertThat(logout.status()).isEqualTo(204);
		}

	}

	private Response refresh(String refreshToken) {
		return this.api.post("/api/auth/refresh", toJson(Map.of("refreshToken", refreshToken)));
	}

	static JsonNode part(String jwt, int index) {
		return json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
	}

	private static JsonNode withoutTraceId(JsonNode problem) {
		ObjectNode copy = ((ObjectNode) problem).deepCopy();
		copy.remove("traceId");
		return copy;
	}

}
