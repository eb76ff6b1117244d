package io.bazaar.user.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tokens: login, refresh and logout. */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication")
class AuthController {

	private final AuthService auth;

	AuthController(AuthService auth) {
		this.auth = auth;
	}

	@PostMapping(path = "/token", version = "1")
	@Operation(summary = "Log in with email and password")
	TokenResponse token(@Valid @RequestBody LoginRequest request) {
		return this.auth.login(request);
	}

	@PostMapping(path = "/refresh", version = "1")
	@Operation(summary = "Exchange a refresh token for new tokens (the refresh token is rotated)")
	TokenResponse refresh(@Valid @RequestBody RefreshTokenRequest request) {
		return this.auth.refresh(request);
	}

	@PostMapping(path = "/logout", version = "1")
	@Operation(summary = "Revoke the refresh token and every token rotated from the same login")
	ResponseEntity<Void> logout(@Valid @RequestBody RefreshTokenRequest request) {
		this.auth.logout(request);
		return ResponseEntity.noContent().build();
	}

}
