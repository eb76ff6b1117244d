package io.bazaar.user.account;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.bazaar.user.config.UsersProperties;
import io.bazaar.user.password.PasswordHashing;
import io.bazaar.user.support.ApiClient;
import io.bazaar.user.support.Concurrently;
import io.bazaar.user.support.TestAccounts;
import io.bazaar.user.support.UserServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AdministratorSeederIntegrationTest extends UserServiceIntegrationTestBase {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private PasswordHashing passwords;

	@Autowired
	private AdministratorSeeder configuredSeeder;

	@Test
	void theConfiguredAdministratorExistsAfterStartupAndCanLogIn() {
		JsonNode tokens = this.api.login(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD).json();

		JsonNode me = this.api
			.get("/api/users/me", "Authorization", ApiClient.bearer(tokens.get("accessToken").asString()))
			.json();
		assertThat(me.get("email").asString()).isEqualTo(TestAccounts.ADMIN_EMAIL);
		assertThat(me.get("roles").toString()).isEqualTo("[\"CUSTOMER\",\"ADMIN\"]");
	}

	@Test
	void seedingAgainCreatesNothing() {
		int before = administrators();

		assertThat(this.configuredSeeder.seed()).isFalse();

		assertThat(administrators()).isEqualTo(before).isOne();
	}

	@Test
	void instancesStartingTogetherCreateOneAdministrator() throws Exception {
		this.jdbc.update("DELETE FROM user_account WHERE 'ADMIN' = ANY (roles)");
		try {
			List<Boolean> created = Concurrently.run(4,
					() -> seeder(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD).seed());

			assertThat(created).containsOnlyOnce(true);
			assertThat(administrators()).isOne();
		}
		finally {
			this.configuredSeeder.seed();
		}
	}

	@Test
	void anEmailRegisteredByACustomerIsNeverPromoted() {
		String email = TestAccounts.uniqueEmail();
		this.api.register(email, TestAccounts.PASSWORD, "Not the operator");
		this.jdbc.update("DELETE FROM user_account WHERE 'ADMIN' = ANY (roles)");
		try {
			assertThat(seeder(email, "an-0ther-admin-password").seed()).isFalse();

			assertThat(administrators()).isZero();
			assertThat(this.accounts.findByEmail(email).orElseThrow().roles()).containsOnly(Role.CUSTOMER);
		}
		finally {
			this.configuredSeeder.seed();
		}
	}

	@Test
	void aPasswordBreakingThePolicyStopsStartup() {
		assertThatIllegalStateException().isThrownBy(() -> seeder("root@bazaar.test", "short1").seed())
			.withMessageContaining("USERS_ADMIN_PASSWORD");
	}

	@Test
	void nothingIsSeededWithoutAPassword() {
		this.jdbc.update("DELETE FROM user_account WHERE 'ADMIN' = ANY (roles)");
		try {
			assertThat(seeder("root@bazaar.test", "").seed()).isFalse();
			assertThat(administrators()).isZero();
		}
		finally {
			this.configuredSeeder.seed();
		}
	}

	private AdministratorSeeder seeder(String email, String password) {
		UsersProperties properties = new UsersProperties(
				new UsersProperties.Tokens("bazaar-user-service", Duration.ofMinutes(15), Duration.ofDays(14),
						Duration.ofDays(30), Duration.ofSeconds(30), "unused-by-the-seeder-but-32-characters"),
				new UsersProperties.Admin(email, password), new UsersProperties.ProfileCache(Duration.ofMinutes(10)),
				DataSize.ofKilobytes(16), new UsersProperties.PasswordHashing(0, Duration.ofSeconds(2)));
		return new AdministratorSeeder(this.accounts, this.passwords, properties, Clock.systemUTC());
	}

	private int administrators() {
		return this.jdbc.queryForObject("SELECT count(*) FROM user_account WHERE 'ADMIN' = ANY (roles)", Integer.class);
	}

}
