package io.bazaar.user.auth;

/** A refresh token that is unknown, expired, revoked or already used. */
public class InvalidRefreshTokenException extends RuntimeException {

	public InvalidRefreshTokenException() {
		super("The refresh token is invalid or expired; log in again.");
	}

}
