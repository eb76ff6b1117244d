package io.bazaar.user.auth;

import java.util.UUID;

import io.bazaar.user.config.UsersProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * How this service checks bearer tokens: RS256 only, signed by one of its own keys
 * (looked up in memory by {@code kid}), issued by itself, not expired, with a UUID
 * subject.
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenVerification {

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, UsersProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new VerificationKeys(keys))
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.tokens().issuer()),
				new JwtClaimValidator<>(JwtClaimNames.EXP, (expiry) -> expiry != null),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, AccessTokenVerification::isAccountId)));
		return decoder;
	}

	private static boolean isAccountId(String subject) {
		try {
			return subject != null && UUID.fromString(subject).toString().equals(subject);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
