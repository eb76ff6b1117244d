package io.bazaar.order.web;

import java.util.UUID;

import io.bazaar.order.ordering.Caller;
import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.ErrorResponseException;

/** The {@link Caller} of a request, from its verified access token. */
public final class Callers {

	private Callers() {
	}

	/**
	 * @throws ErrorResponseException (401) when the token's subject is not a user id
	 */
	public static Caller of(Authentication authentication) {
		boolean admin = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch("ROLE_ADMIN"::equals);
		try {
			return new Caller(UUID.fromString(authentication.getName()), admin);
		}
		catch (IllegalArgumentException ex) {
			throw new ErrorResponseException(HttpStatus.UNAUTHORIZED, ProblemTypes.problem(HttpStatus.UNAUTHORIZED,
					"unauthorized", "Unauthorized", "A valid bearer token is required."), ex);
		}
	}

}
