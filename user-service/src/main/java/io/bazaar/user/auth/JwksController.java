package io.bazaar.user.auth;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public keys that verify access tokens (RFC 7517), for the gateway and other
 * services. Lists every key that has not retired, so tokens signed before a rotation keep
 * verifying.
 */
@RestController
@Tag(name = "Authentication")
class JwksController {

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping("/.well-known/jwks.json")
	@Operation(summary = "Public keys of access tokens (JWKS)")
	Map<String, Object> jwks() {
		return this.keys.publicKeys().toJSONObject(true);
	}

}
