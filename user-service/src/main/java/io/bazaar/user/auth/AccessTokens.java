package io.bazaar.user.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.bazaar.user.account.Account;
import io.bazaar.user.account.Role;
import io.bazaar.user.config.UsersProperties;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Issues access tokens: RS256 JWTs signed with the active key and naming it in
 * {@code kid}, carrying {@code iss}, {@code sub} (the account id), {@code roles},
 * {@code email}, {@code iat}, {@code exp} and {@code jti}.
 */
@Component
class AccessTokens {

	static final String ROLES_CLAIM = "roles";

	static final String EMAIL_CLAIM = "email";

	private final SigningKeys keys;

	private final JwtEncoder encoder;

	private final Clock clock;

	private final String issuer;

	private final Duration ttl;

	AccessTokens(SigningKeys keys, Clock clock, UsersProperties properties) {
		this.keys = keys;
		this.encoder = new NimbusJwtEncoder((selector, context) -> selector.select(keys.privateKeys()));
		this.clock = clock;
		this.issuer = properties.tokens().issuer();
		this.ttl = properties.tokens().accessTokenTtl();
	}

	Duration ttl() {
		return this.ttl;
	}

	String issue(Account account) {
		return issue(account, this.clock.instant());
	}

	String issue(Account account, Instant issuedAt) {
		SigningKey key = this.keys.active();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.issuer)
			.subject(account.id().toString())
			.issuedAt(issuedAt)
			.expiresAt(issuedAt.plus(this.ttl))
			.id(UUID.randomUUID().toString())
			.claim(ROLES_CLAIM, account.sortedRoles().stream().map(Role::name).toList())
			.claim(EMAIL_CLAIM, account.email())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.kid()).type("JWT").build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

}
