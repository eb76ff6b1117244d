package io.bazaar.runtime.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.bazaar.testsupport.time.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RememberingJwtDecoderTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));

	private final List<String> verifiedByDelegate = new ArrayList<>();

	private final JwtDecoder delegate = (token) -> {
		this.verifiedByDelegate.add(token);
		if (token.startsWith("forged")) {
			throw new BadJwtException("An error occurred while attempting to decode the Jwt: Invalid signature");
		}
		return jwt(token, this.clock.instant().plus(Duration.ofMinutes(15)));
	};

	@Test
	void aVerifiedTokenIsAnsweredAgainWithoutCheckingItsSignature() {
		JwtDecoder decoder = decoder(Duration.ofSeconds(60), 100);

		Jwt first = decoder.decode("token-a");
		Jwt again = decoder.decode("token-a");

		assertThat(again).isSameAs(first);
		assertThat(this.verifiedByDelegate).containsExactly("token-a");
	}

	@Test
	void onlyTheVeryTextThatWasVerifiedIsRemembered() {
		JwtDecoder decoder = decoder(Duration.ofSeconds(60), 100);
		decoder.decode("token-a");

		decoder.decode("token-b");

		assertThat(this.verifiedByDelegate).containsExactly("token-a", "token-b");
	}

	@Test
	void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
		JwtDecoder decoder = decoder(Duration.ofSeconds(60), 100);

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged-token"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged-token"));

		assertThat(this.verifiedByDelegate).containsExactly("forged-token", "forged-token");
	}

	@Test
	void aRememberedTokenThatHasSinceExpiredIsCheckedAgainAndRefused() {
		JwtDecoder verifyingOnce = (token) -> jwt(token, this.clock.instant().plusSeconds(30));
		RememberingJwtDecoder decoder = new RememberingJwtDecoder((token) -> {
			this.verifiedByDelegate.add(token);
			if (this.verifiedByDelegate.size() > 1) {
				throw new BadJwtException("Jwt expired");
			}
			return verifyingOnce.decode(token);
		}, new VerifiedTokens(Duration.ofMinutes(10), 100, this.clock));
		decoder.decode("token-a");

		// past its expiry and the minute of clock skew every validator allows
		this.clock.advance(Duration.ofSeconds(30 + 61));

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("token-a"));
		assertThat(this.verifiedByDelegate).hasSize(2);
	}

	@Test
	void aTokenIsVerifiedAgainOnceItsTimeToLiveHasPassed() {
		JwtDecoder decoder = decoder(Duration.ofSeconds(60), 100);
		decoder.decode("token-a");

		this.clock.advance(Duration.ofSeconds(59));
		decoder.decode("token-a");
		this.clock.advance(Duration.ofSeconds(2));
		decoder.decode("token-a");

		assertThat(this.verifiedByDelegate).containsExactly("token-a", "token-a");
	}

	@Test
	void aTimeToLiveOfZeroVerifiesEveryTime() {
		JwtDecoder decoder = decoder(Duration.ZERO, 100);

		decoder.decode("token-a");
		decoder.decode("token-a");

		assertThat(this.verifiedByDelegate).containsExactly("token-a", "token-a");
	}

	@Test
	void whenFullItForgetsTokensPastTheirTimeToLiveFirstAndEverythingOnlyIfNoneIs() {
		VerifiedTokens verified = new VerifiedTokens(Duration.ofSeconds(60), 2, this.clock);
		verified.remember("old", jwt("old", this.clock.instant().plusSeconds(900)));
		this.clock.advance(Duration.ofSeconds(61));
		verified.remember("recent", jwt("recent", this.clock.instant().plusSeconds(900)));

		verified.remember("new", jwt("new", this.clock.instant().plusSeconds(900)));

		assertThat(verified.size()).isEqualTo(2);
		assertThat(verified.find("recent")).isNotNull();
		assertThat(verified.find("new")).isNotNull();

		verified.remember("newest", jwt("newest", this.clock.instant().plusSeconds(900)));

		assertThat(verified.size()).isEqualTo(1);
		assertThat(verified.find("newest")).isNotNull();
	}

	private RememberingJwtDecoder decoder(Duration timeToLive, int capacity) {
		return new RememberingJwtDecoder(this.delegate, new VerifiedTokens(timeToLive, capacity, this.clock));
	}

	private Jwt jwt(String token, Instant expiresAt) {
		Instant now = this.clock.instant();
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("user-1")
			.issuedAt(now)
			.expiresAt(expiresAt)
			.build();
	}

}
