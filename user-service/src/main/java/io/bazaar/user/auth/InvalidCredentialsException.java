package io.bazaar.user.auth;

/** Login refused. Deliberately the same whether the email or the password was wrong. */
public class InvalidCredentialsException extends RuntimeException {

	public InvalidCredentialsException() {
		super("The email or password is incorrect.");
	}

}
