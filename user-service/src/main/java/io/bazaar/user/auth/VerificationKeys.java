package io.bazaar.user.auth;

import java.util.List;
import java.util.Set;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Verifies this service's own tokens with the keys it holds in memory, with no network
 * call to itself. A token must name its key ({@code kid}); a key id this instance does
 * not know triggers one (rate-limited) re-read of the key table, so keys another instance
 * just created are found.
 */
class VerificationKeys implements JWKSource<SecurityContext> {

	private final SigningKeys keys;

	VerificationKeys(SigningKeys keys) {
		this.keys = keys;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		Set<String> kids = selector.getMatcher().getKeyIDs();
		if (kids == null || kids.size() != 1) {
			return List.of();
		}
		String kid = kids.iterator().next();
		if (kid == null || !this.keys.reloadToFind(kid)) {
			return List.of();
		}
		return selector.select(this.keys.publicKeys());
	}

}
