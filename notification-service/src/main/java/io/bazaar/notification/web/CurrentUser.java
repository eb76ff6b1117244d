package io.bazaar.notification.web;

import io.bazaar.runtime.web.ProblemTypes;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;

/** The calling user, as named by the {@code sub} of their verified access token. */
public final class CurrentUser {

	private CurrentUser() {
	}

	/**
	 * The caller's user id.
	 * @param token the verified access token
	 * @return the user id it names
	 * @throws ErrorResponseException (401) when the token names no user
	 */
	public static UUID id(Jwt token) {
		try {
			return UUID.fromString(token.getSubject());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new ErrorResponseException(HttpStatus.UNAUTHORIZED, ProblemTypes.problem(HttpStatus.UNAUTHORIZED,
					"unauthorized", "Unauthorized", "The access token does not name a user."), ex);
		}
	}

}
