package io.bazaar.order.ordering;

import java.util.UUID;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.ErrorResponseException;

/**
 * Who is calling, from their verified access token.
 *
 * @param userId the token's subject
 * @param admin whether the token carries the ADMIN role
 */
public record Caller(UUID userId, boolean admin) {

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
