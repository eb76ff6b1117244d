package io.bazaar.testsupport.security;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The issuer's tokens as a service checks them: a decoder that knows only the JWKS URI
 * and the issuer accepts the good ones and refuses the bad ones.
 */
class TokenIssuerTest {

	private static final TokenIssuer issuer = TokenIssuer.shared();

	private final NimbusJwtDecoder decoder = decoder();

	private final UUID userId = UUID.randomUUID();

	@Test
	void aCustomersTokenIsAcceptedWithTheClaimsUserServiceIssues() {
		Jwt jwt = this.decoder.decode(issuer.customer(this.userId));

		assertThat(jwt.getSubject()).isEqualTo(this.userId.toString());
		assertThat(jwt.getClaimAsString("iss")).isEqualTo(TokenIssuer.ISSUER);
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
		assertThat(jwt.getClaimAsString("email")).isNotBlank();
		assertThat(jwt.getId()).isNotBlank();
		assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
		assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsKey("kid");
	}

	@Test
	void administratorAndServiceTokensCarryTheirRoles() {
		assertThat(this.decoder.decode(issuer.admin()).getClaimAsStringList("roles")).containsExactly("CUSTOMER",
				"ADMIN");
		assertThat(this.decoder.decode(issuer.service()).getClaimAsStringList("roles")).containsExactly("SERVICE");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badTokens")
	void badTokensAreRefused(String kind, String token) {
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(token));
	}

	static Stream<Arguments> badTokens() {
		UUID userId = UUID.randomUUID();
		return Stream.of(Arguments.of("expired", issuer.expired(userId)),
				Arguments.of("issued by someone else", issuer.fromAnotherIssuer(userId)),
				Arguments.of("signed by an unknown key", issuer.signedByUnknownKey(userId)),
				Arguments.of("forged: the published key's id, another key's signature", issuer.forged(userId)));
	}

	@Test
	void theJwksPublishesThePublicHalfOnly() {
		JsonNode key = JsonMapper.builder().build().readTree(issuer.jwks()).get("keys").get(0);

		assertThat(key.get("kty").asString()).isEqualTo("RSA");
		assertThat(key.propertyNames()).contains("n", "e", "kid").doesNotContain("d", "p", "q");
	}

	private static NimbusJwtDecoder decoder() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer.jwksUri().toString()).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(TokenIssuer.ISSUER));
		return decoder;
	}

}
