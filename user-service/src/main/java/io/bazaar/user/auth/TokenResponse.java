package io.bazaar.user.auth;

/**
 * Tokens issued at login and at every refresh.
 *
 * @param accessToken the JWT to send as {@code Authorization: Bearer ...}
 * @param tokenType always {@code Bearer}
 * @param expiresIn the access token's lifetime in seconds
 * @param refreshToken the opaque token that obtains the next pair, usable once
 */
record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {

	static TokenResponse bearer(String accessToken, long expiresIn, String refreshToken) {
		return new TokenResponse(accessToken, "Bearer", expiresIn, refreshToken);
	}

}
