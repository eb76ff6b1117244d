package io.bazaar.runtime.security;

import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Maps the token's {@code roles} claim (a JSON array such as
 * {@code ["CUSTOMER","ADMIN"]}) to {@code ROLE_*} authorities, so rules read
 * {@code hasRole("ADMIN")}. A token without the claim grants no role.
 */
public final class RolesClaimAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	static final String ROLES_CLAIM = "roles";

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		List<String> roles = jwt.hasClaim(ROLES_CLAIM) ? jwt.getClaimAsStringList(ROLES_CLAIM) : List.of();
		return roles.stream()
			.filter((role) -> role != null && !role.isBlank())
			.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.trim()))
			.toList();
	}

}
