package io.bazaar.user.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PATCH /api/users/me}. Only the display name may change; any other
 * field (such as {@code roles} or {@code email}) is rejected as unknown.
 *
 * @param displayName the new name shown to others
 */
record ProfileUpdateRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*",
		message = "must not contain control characters") String displayName) {

	ProfileUpdateRequest {
		displayName = (displayName != null) ? displayName.strip() : null;
	}

}
