package io.bazaar.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.bazaar.runtime.security.VerifiedTokens;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RememberingReactiveJwtDecoderTest {

	private final List<String> verifiedByDelegate = new ArrayList<>();

	private final ReactiveJwtDecoder delegate = (token) -> Mono.defer(() -> {
		this.verifiedByDelegate.add(token);
		if (token.startsWith("forged")) {
			return Mono.error(new BadJwtException("Invalid signature"));
		}
		Instant now = Instant.now();
		return Mono.just(Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("user-1")
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(15)))
			.build());
	});

	private final ReactiveJwtDecoder decoder = new RememberingReactiveJwtDecoder(this.delegate,
			new VerifiedTokens(Duration.ofSeconds(60), 100, Clock.systemUTC()));

	@Test
	void aVerifiedTokenIsAnsweredAgainWithoutCheckingItsSignature() {
		Jwt first = this.decoder.decode("token-a").block();
		Jwt again = this.decoder.decode("token-a").block();

		assertThat(again).isSameAs(first);
		assertThat(this.verifiedByDelegate).containsExactly("token-a");
	}

	@Test
	void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode("forged-a").block());
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode("forged-a").block());

		assertThat(this.verifiedByDelegate).containsExactly("forged-a", "forged-a");
	}

}
