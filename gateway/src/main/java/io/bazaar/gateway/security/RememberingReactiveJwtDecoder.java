package io.bazaar.gateway.security;

import io.bazaar.runtime.security.VerifiedTokens;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Verifies a token with its delegate once, then answers from {@link VerifiedTokens} for
 * as long as they remember it. A token the delegate refuses is never remembered.
 */
final class RememberingReactiveJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder delegate;

	private final VerifiedTokens verified;

	RememberingReactiveJwtDecoder(ReactiveJwtDecoder delegate, VerifiedTokens verified) {
		this.delegate = delegate;
		this.verified = verified;
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Jwt known = this.verified.find(token);
		if (known != null) {
			return Mono.just(known);
		}
		return this.delegate.decode(token).doOnNext((jwt) -> this.verified.remember(token, jwt));
	}

}
