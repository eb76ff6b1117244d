package io.bazaar.user.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/auth/refresh} and {@code POST /api/auth/logout}.
 *
 * @param refreshToken the refresh token last issued
 */
record RefreshTokenRequest(@NotBlank @Size(max = 256) String refreshToken) {

	@Override
	public String toString() {
		return "RefreshTokenRequest[refreshToken=(hidden)]";
	}

}
