package io.bazaar.user.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/auth/token}.
 *
 * @param email the account's email, in any case
 * @param password the account's password
 */
record LoginRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 128) String password) {

	@Override
	public String toString() {
		return "LoginRequest[email=" + this.email + "]";
	}

}
