package io.bazaar.user.account;

import java.util.Locale;

/** The one way emails are normalised before they are validated, stored or looked up. */
public final class EmailAddress {

	private EmailAddress() {
	}

	/**
	 * Trims and lower-cases; {@code null} stays {@code null} for validation to report.
	 */
	public static String normalise(String email) {
		return (email != null) ? email.strip().toLowerCase(Locale.ROOT) : null;
	}

}
