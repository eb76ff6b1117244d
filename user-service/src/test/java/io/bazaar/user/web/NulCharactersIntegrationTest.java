package io.bazaar.user.web;

import java.util.Map;
import java.util.stream.Stream;

import io.bazaar.user.support.ApiClient;
import io.bazaar.user.support.ApiClient.Response;
import io.bazaar.user.support.TestAccounts;
import io.bazaar.user.support.UserServiceIntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * NUL in any text a client sends, which PostgreSQL refuses in text columns: a 400
 * validation problem naming the field, never a 500, and nothing stored.
 */
class NulCharactersIntegrationTest extends UserServiceIntegrationTestBase {

	private static final String NUL = "\u0000";

	@Autowired
	private JdbcTemplate jdbc;

	@Nested
	class SignIn {

		static Stream<Arguments> credentials() {
			return Stream.of(
					argumentSet("NUL in the email", "ada" + NUL + "@example.com", TestAccounts.PASSWORD, "email"),
					argumentSet("email that is only NUL", NUL, TestAccounts.PASSWORD, "email"),
					argumentSet("NUL in the password", TestAccounts.uniqueEmail(), "pass" + NUL + "word1", "password"));
		}

		@ParameterizedTest
		@MethodSource("credentials")
		void isRefusedNamingTheFieldAndIssuesNoToken(String email, String password, String field) {
			int tokens = count("refresh_token");

			Response response = NulCharactersIntegrationTest.this.api.login(email, password);

			assertValidationProblem(response, field);
			assertThat(count("refresh_token")).as("no refresh token issued").isEqualTo(tokens);
		}

	}

	@Nested
	class SignUp {

		static Stream<Arguments> registrations() {
			return Stream.of(
					argumentSet("NUL in the email",
							Map.of("email", "ada" + NUL + "@example.com", "password", TestAccounts.PASSWORD,
									"displayName", "Ada"),
							"email"),
					argumentSet("NUL in the password",
							Map.of("email", TestAccounts.uniqueEmail(), "password", "correct-horse" + NUL + "9",
									"displayName", "Ada"),
							"password"),
					argumentSet("NUL in the display name", Map.of("email", TestAccounts.uniqueEmail(), "password",
							TestAccounts.PASSWORD, "displayName", "A" + NUL + "da"), "displayName"));
		}

		@ParameterizedTest
		@MethodSource("registrations")
		void isRefusedNamingTheFieldAndStoresNoAccount(Map<String, String> registration, String field) {
			int accounts = count("user_account");

			Response response = NulCharactersIntegrationTest.this.api.post("/api/users",
					ApiClient.toJson(registration));

			assertValidationProblem(response, field);
			assertThat(count("user_account")).as("no account stored").isEqualTo(accounts);
		}

	}

	@Nested
	class SignedIn {

		private String email;

		private JsonNode tokens;

		@BeforeEach
		void signedIn() {
			this.email = TestAccounts.uniqueEmail();
			this.tokens = NulCharactersIntegrationTest.this.api.registerAndLogin(this.email, "Ada");
		}

		@Test
		void aRefreshTokenWithNulIsRefusedNamingTheField() {
			Response response = NulCharactersIntegrationTest.this.api.post("/api/auth/refresh",
					ApiClient.toJson(Map.of("refreshToken", this.tokens.get("refreshToken").asString() + NUL)));

			assertValidationProblem(response, "refreshToken");
		}

		@Test
		void aProfileUpdateWithNulIsRefusedAndTheNameIsKept() {
			Response response = NulCharactersIntegrationTest.this.api.patch("/api/users/me",
					ApiClient.toJson(Map.of("displayName", "Ada" + NUL)), "Authorization",
					"Bearer " + this.tokens.get("accessToken").asString());

			assertValidationProblem(response, "displayName");
			assertThat(NulCharactersIntegrationTest.this.jdbc
				.queryForObject("SELECT display_name FROM user_account WHERE email = ?", String.class, this.email))
				.isEqualTo("Ada");
		}

	}

	private int count(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
	}

	private static void assertValidationProblem(Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo("https://bazaar.example/problems/validation");
		assertThat(problem.get("errors").valueStream().map((error) -> error.get("field").asString()))
			.containsExactly(field);
		assertThat(problem.get("errors").get(0).get("message").asString()).contains("NUL");
	}

}
