package io.bazaar.user.account;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.bazaar.user.support.ApiClient.Response;
import io.bazaar.user.support.TestAccounts;
import io.bazaar.user.support.UserServiceIntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.bazaar.user.support.ApiClient.bearer;
import static io.bazaar.user.support.ApiClient.toJson;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileIntegrationTest extends UserServiceIntegrationTestBase {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private StringRedisTemplate redis;

	@Nested
	class Registration {

		@Test
		void answers201WithLocationAndTheNewAccount() {
			Response response = ProfileIntegrationTest.this.api.register("  Ada.Lovelace+Shop@Example.COM ",
					TestAccounts.PASSWORD, "  Ada Lovelace ");

			assertThat(response.status()).isEqualTo(201);
			JsonNode body = response.json();
			String id = body.get("id").asString();
			assertThat(UUID.fromString(id).toString()).isEqualTo(id);
			assertThat(response.headers().firstValue("Location")).hasValue("/api/users/" + id);
			assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "email", "displayName", "roles");
			assertThat(body.get("email").asString()).isEqualTo("ada.lovelace+shop@example.com");
			assertThat(body.get("displayName").asString()).isEqualTo("Ada Lovelace");
			assertThat(body.get("roles").toString()).isEqualTo("[\"CUSTOMER\"]");
		}

		@Test
		void storesTheNormalisedEmailAndAnArgon2idHashNeverThePassword() {
			String id = ProfileIntegrationTest.this.api
				.register("Grace.Hopper-" + UUID.randomUUID() + "@Example.com", TestAccounts.PASSWORD, "Grace")
				.json()
				.get("id")
				.asString();

			Map<String, Object> row = ProfileIntegrationTest.this.jdbc
				.queryForMap("SELECT email, password_hash FROM user_account WHERE id = ?::uuid", id);

			assertThat((String) row.get("email")).startsWith("grace.hopper-").endsWith("@example.com");
			assertThat((String) row.get("password_hash")).startsWith("{argon2}$argon2id$")
				.doesNotContain(TestAccounts.PASSWORD);
		}

		@Test
		void anEmailTakenInAnotherCaseIs409NamingTheEmail() {
			String email = TestAccounts.uniqueEmail();
			ProfileIntegrationTest.this.api.register(email, TestAccounts.PASSWORD, "First");
			int accounts = accountCount();

			Response duplicate = ProfileIntegrationTest.this.api.register(" " + email.toUpperCase() + " ",
					TestAccounts.PASSWORD, "Second");

			assertThat(duplicate.status()).isEqualTo(409);
			assertThat(duplicate.contentType()).startsWith("application/problem+json");
			JsonNode problem = duplicate.json();
			assertThat(problem.get("type").asString())
				.isEqualTo("https://bazaar.example/problems/email-already-registered");
			assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("email");
			assertThat(accountCount()).isEqualTo(accounts);
		}

		@Test
		void aDisplayNameWithSqlMetacharactersIsStoredVerbatim() {
			String name = "Robert'); DROP TABLE user_account;-- \"O'Brien\" % _ \\";
			JsonNode tokens = ProfileIntegrationTest.this.api.registerAndLogin(TestAccounts.uniqueEmail(), name);

			Response me = ProfileIntegrationTest.this.api.get("/api/users/me", "Authorization",
					bearer(tokens.get("accessToken").asString()));

			assertThat(me.json().get("displayName").asString()).isEqualTo(name);
			assertThat(accountCount()).isPositive();
		}

	}

	@Nested
	class OwnProfile {

		private String accessToken;

		private String id;

		@BeforeEach
		void customer() {
			JsonNode tokens = ProfileIntegrationTest.this.api.registerAndLogin(TestAccounts.uniqueEmail(), "Ada");
			this.accessToken = tokens.get("accessToken").asString();
			this.id = me().json().get("id").asString();
		}

		@Test
		void isReadWithTheAccessToken() {
			Response me = me();

			assertThat(me.status()).isEqualTo(200);
			assertThat(me.json().get("displayName").asString()).isEqualTo("Ada");
			assertThat(me.json().get("roles").toString()).isEqualTo("[\"CUSTOMER\"]");
		}

		@Test
		void displayNameChangesWithPatch() {
			Response patched = patch("{\"displayName\": \"Ada King\"}");

			assertThat(patched.status()).isEqualTo(200);
			assertThat(patched.json().get("displayName").asString()).isEqualTo("Ada King");
			assertThat(me().json().get("displayName").asString()).isEqualTo("Ada King");
		}

		@Test
		void rolesCannotBeChangedThroughPatch() {
			Response patched = patch("{\"displayName\": \"Ada\", \"roles\": [\"ADMIN\"]}");

			assertThat(patched.status()).isEqualTo(400);
			assertThat(patched.json().get("errors").get(0).get("field").asString()).isEqualTo("roles");
			assertThat(me().json().get("roles").toString()).isEqualTo("[\"CUSTOMER\"]");
		}

		@Test
		void theEmailCannotBeChangedThroughPatch() {
			Response patched = patch("{\"email\": \"someone-else@bazaar.test\"}");

			assertThat(patched.status()).isEqualTo(400);
			assertThat(patched.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
		}

		@Test
		void aBlankDisplayNameIsRefusedNamingTheField() {
			Response patched = patch("{\"displayName\": \"   \"}");

			assertThat(patched.status()).isEqualTo(400);
			assertThat(patched.contentType()).startsWith("application/problem+json");
			assertThat(patched.json().get("errors").get(0).get("field").asString()).isEqualTo("displayName");
			assertThat(me().json().get("displayName").asString()).isEqualTo("Ada");
		}

		@Test
		void theSecondReadIsServedFromRedisAndAnUpdateEvictsIt() {
			String key = "users:profile:v1:" + this.id;
			ProfileIntegrationTest.this.redis.delete(key);

			me();
			assertThat(ProfileIntegrationTest.this.redis.hasKey(key)).isTrue();
			assertThat(ProfileIntegrationTest.this.redis.getExpire(key, TimeUnit.SECONDS))
				.isBetween(Duration.ofMinutes(9).toSeconds(), Duration.ofMinutes(11).toSeconds());
			ProfileIntegrationTest.this.jdbc.update(
					"UPDATE user_account SET display_name = 'Changed behind the cache' WHERE id = ?::uuid", this.id);
			assertThat(me().json().get("displayName").asString()).as("served from Redis").isEqualTo("Ada");

			assertThat(patch("{\"displayName\": \"Ada Byron\"}").status()).isEqualTo(200);
			assertThat(ProfileIntegrationTest.this.redis.hasKey(key)).as("evicted after the update committed")
				.isFalse();
			assertThat(me().json().get("displayName").asString()).isEqualTo("Ada Byron");
			assertThat(ProfileIntegrationTest.this.redis.opsForValue().get(key))
				.contains("\"displayName\":\"Ada Byron\"");
		}

		@Test
		void cannotBeReadOrChangedWithoutAToken() {
			assertThat(ProfileIntegrationTest.this.api.get("/api/users/me").status()).isEqualTo(401);
			Response patched = ProfileIntegrationTest.this.api.patch("/api/users/me", "{\"displayName\": \"Mallory\"}");
			assertThat(patched.status()).isEqualTo(401);
			assertThat(patched.contentType()).startsWith("application/problem+json");
			assertThat(me().json().get("displayName").asString()).isEqualTo("Ada");
		}

		private Response me() {
			return ProfileIntegrationTest.this.api.get("/api/users/me", "Authorization", bearer(this.accessToken));
		}

		private Response patch(String body) {
			return ProfileIntegrationTest.this.api.patch("/api/users/me", body, "Authorization",
					bearer(this.accessToken));
		}

	}

	@Nested
	class OtherAccounts {

		private String customerToken;

		private String otherId;

		@BeforeEach
		void twoCustomers() {
			this.customerToken = ProfileIntegrationTest.this.api.registerAndLogin(TestAccounts.uniqueEmail(), "Ada")
				.get("accessToken")
				.asString();
			this.otherId = ProfileIntegrationTest.this.api
				.register(TestAccounts.uniqueEmail(), TestAccounts.PASSWORD, "Grace")
				.json()
				.get("id")
				.asString();
		}

		@Test
		void aCustomerCannotReadAnotherAccount() {
			Response response = ProfileIntegrationTest.this.api.get("/api/users/" + this.otherId, "Authorization",
					bearer(this.customerToken));

			assertThat(response.status()).isEqualTo(403);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().get("type").asString()).isEqualTo("https://bazaar.example/problems/forbidden");
			assertThat(response.body()).doesNotContain("Grace");
		}

		@Test
		void aCustomerCannotChangeAnotherAccount() {
			Response response = ProfileIntegrationTest.this.api.patch("/api/users/" + this.otherId,
					toJson(Map.of("displayName", "Mallory")), "Authorization", bearer(this.customerToken));

			assertThat(response.status()).isBetween(400, 499);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(ProfileIntegrationTest.this.jdbc
				.queryForObject("SELECT display_name FROM user_account WHERE id = ?::uuid", String.class, this.otherId))
				.isEqualTo("Grace");
		}

		@Test
		void anAdministratorReadsAnyAccount() {
			Response response = ProfileIntegrationTest.this.api.get("/api/users/" + this.otherId, "Authorization",
					bearer(adminToken()));

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().get("displayName").asString()).isEqualTo("Grace");
		}

		@Test
		void anUnknownAccountIs404ForAnAdministrator() {
			Response response = ProfileIntegrationTest.this.api.get("/api/users/" + UUID.randomUUID(), "Authorization",
					bearer(adminToken()));

			assertThat(response.status()).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().get("type").asString()).isEqualTo("https://bazaar.example/problems/not-found");
		}

		@Test
		void anIdThatIsNotAUuidIs400NamingIt() {
			Response response = ProfileIntegrationTest.this.api.get("/api/users/1%20OR%201=1", "Authorization",
					bearer(adminToken()));

			assertThat(response.status()).isEqualTo(400);
			assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("id");
		}

		private String adminToken() {
			Response login = ProfileIntegrationTest.this.api.login(TestAccounts.ADMIN_EMAIL,
					TestAccounts.ADMIN_PASSWORD);
			assertThat(login.status()).isEqualTo(200);
			return login.json().get("accessToken").asString();
		}

	}

	private int accountCount() {
		return this.jdbc.queryForObject("SELECT count(*) FROM user_account", Integer.class);
	}

}
