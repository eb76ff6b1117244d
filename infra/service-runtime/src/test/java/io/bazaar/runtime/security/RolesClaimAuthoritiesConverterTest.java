package io.bazaar.runtime.security;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class RolesClaimAuthoritiesConverterTest {

	private final RolesClaimAuthoritiesConverter converter = new RolesClaimAuthoritiesConverter();

	@Test
	void mapsEveryRoleToARoleAuthority() {
		Jwt jwt = token().claim("roles", List.of("CUSTOMER", "ADMIN")).build();

		assertThat(this.converter.convert(jwt)).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_CUSTOMER", "ROLE_ADMIN");
	}

	@Test
	void grantsNothingWithoutTheRolesClaim() {
		Jwt jwt = token().claim("scope", "catalog").build();

		assertThat(this.converter.convert(jwt)).isEmpty();
	}

	@Test
	void ignoresBlankRoles() {
		Jwt jwt = token().claim("roles", List.of(" ", "SERVICE")).build();

		assertThat(this.converter.convert(jwt)).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_SERVICE");
	}

	private static Jwt.Builder token() {
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("3f1c1b8e-2c51-4c39-9d0e-0f7a4c1f9a10")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60));
	}

}
