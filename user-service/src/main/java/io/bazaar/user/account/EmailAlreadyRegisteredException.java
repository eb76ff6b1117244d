package io.bazaar.user.account;

/** Another account already has this email (compared case-insensitively). */
public class EmailAlreadyRegisteredException extends RuntimeException {

	public EmailAlreadyRegisteredException() {
		super("An account with this email already exists.");
	}

}
