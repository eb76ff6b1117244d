package io.bazaar.user.support;

import java.util.UUID;

/** Credentials used by tests only. */
public final class TestAccounts {

	public static final String ADMIN_EMAIL = "admin@bazaar.test";

	public static final String ADMIN_PASSWORD = "test-only-admin-passw0rd";

	public static final String PASSWORD = "correct-horse-battery-9";

	private TestAccounts() {
	}

	/** An email no other test uses. */
	public static String uniqueEmail() {
		return "user-" + UUID.randomUUID() + "@bazaar.test";
	}

}
