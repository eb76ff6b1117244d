package io.bazaar.user.account;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts: registration, one's own profile, and (for administrators) any profile. The
 * caller's identity comes only from the verified access token.
 */
@RestController
@RequestMapping("/api/users")
@Tag(name = "Users")
class AccountController {

	private final AccountService accounts;

	AccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping(version = "1")
	@Operation(summary = "Register a customer account")
	ResponseEntity<UserProfile> register(@Valid @RequestBody RegistrationRequest request) {
		UserProfile profile = this.accounts.register(request);
		return ResponseEntity.created(URI.create("/api/users/" + profile.id())).body(profile);
	}

	@GetMapping(path = "/me", version = "1")
	@Operation(summary = "The caller's own profile", security = @SecurityRequirement(name = "bearer"))
	UserProfile me(@AuthenticationPrincipal Jwt token) {
		return this.accounts.profile(subject(token));
	}

	@PatchMapping(path = "/me", version = "1")
	@Operation(summary = "Change the caller's display name", security = @SecurityRequirement(name = "bearer"))
	UserProfile update(@AuthenticationPrincipal Jwt token, @Valid @RequestBody ProfileUpdateRequest request) {
		return this.accounts.rename(subject(token), request.displayName());
	}

	@GetMapping(path = "/{id}", version = "1")
	@Operation(summary = "Any account's profile (administrators only)",
			security = @SecurityRequirement(name = "bearer"))
	UserProfile byId(@PathVariable UUID id) {
		return this.accounts.profile(id);
	}

	private static UUID subject(Jwt token) {
		return UUID.fromString(token.getSubject());
	}

}
