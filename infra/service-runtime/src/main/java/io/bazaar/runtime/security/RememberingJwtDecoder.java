package io.bazaar.runtime.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Verifies a token with its delegate once, then answers from {@link VerifiedTokens} for
 * as long as they remember it. A token the delegate refuses is never remembered.
 */
public final class RememberingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final VerifiedTokens verified;

	public RememberingJwtDecoder(JwtDecoder delegate, VerifiedTokens verified) {
		this.delegate = delegate;
		this.verified = verified;
	}

	@Override
	public Jwt decode(String token) {
		Jwt known = this.verified.find(token);
		if (known != null) {
			return known;
		}
		Jwt jwt = this.delegate.decode(token);
		this.verified.remember(token, jwt);
		return jwt;
	}

}
