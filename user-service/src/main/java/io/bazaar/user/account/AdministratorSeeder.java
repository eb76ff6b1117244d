package io.bazaar.user.account;

import java.time.Clock;

import io.bazaar.user.config.UsersProperties;
import io.bazaar.user.password.PasswordHashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator from {@code users.admin.email} and
 * {@code USERS_ADMIN_PASSWORD} when both are set and no administrator exists. Safe when
 * several instances start at once: the insert is conditional on the email's unique index,
 * so at most one account is created. An email already registered as a customer is never
 * promoted (whoever registered it may not be the operator).
 */
@Component
class AdministratorSeeder implements ApplicationRunner {

	static final String DISPLAY_NAME = "Administrator";

	private static final Logger logger = LoggerFactory.getLogger(AdministratorSeeder.class);

	private final AccountRepository accounts;

	private final PasswordHashing passwords;

	private final UsersProperties.Admin settings;

	private final Clock clock;

	AdministratorSeeder(AccountRepository accounts, PasswordHashing passwords, UsersProperties properties,
			Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.settings = properties.admin();
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		seed();
	}

	/**
	 * @return whether this call created the administrator
	 */
	boolean seed() {
		if (!this.settings.configured()) {
			return false;
		}
		String email = EmailAddress.normalise(this.settings.email());
		String problem = PasswordRules.problemWith(this.settings.password(), email);
		if (problem != null) {
			throw new IllegalStateException("USERS_ADMIN_PASSWORD " + problem + "; the administrator was not created.");
		}
		if (this.accounts.anyAdministrator()) {
			return false;
		}
		Account administrator = Account.administrator(email, DISPLAY_NAME,
				this.passwords.encodeWaiting(this.settings.password()), this.clock.instant());
		if (this.accounts.insertUnlessEmailTaken(administrator)) {
			logger.info("Created the first administrator {}", email);
			return true;
		}
		if (!this.accounts.anyAdministrator()) {
			logger.warn("No administrator was created: {} is already registered as a customer account. Set "
					+ "users.admin.email to an address that has no account.", email);
		}
		return false;
	}

}
