package io.bazaar.user.password;

import java.time.Duration;

/**
 * Every permit to hash a password is in use: the request is refused before anything is
 * stored, and may be retried after {@link #retryAfter()}.
 */
public class PasswordHashingBusyException extends RuntimeException {

	private final Duration retryAfter;

	public PasswordHashingBusyException(Duration retryAfter) {
		super("Too many passwords are being hashed at the moment; retry after " + retryAfter.toSeconds() + " s.");
		this.retryAfter = retryAfter;
	}

	/** How long the client is asked to wait before trying again. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
