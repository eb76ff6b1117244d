package io.bazaar.user.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/users}. The email is normalised on the way in, so it is
 * validated, stored and compared in one form.
 *
 * @param email the account's email, unique case-insensitively
 * @param password the password; see {@link PasswordPolicy}
 * @param displayName the name shown to others
 */
@PasswordPolicy
record RegistrationRequest(
		@NotBlank @Size(max = 254) @Email(regexp = ".+@[^@]+\\.[^@]+",
				message = "must be a well-formed email address") String email,
		@NotNull String password, @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*",
				message = "must not contain control characters") String displayName) {

	RegistrationRequest {
		email = EmailAddress.normalise(email);
		displayName = (displayName != null) ? displayName.strip() : null;
	}

	@Override
	public String toString() {
		return "RegistrationRequest[email=" + this.email + ", displayName=" + this.displayName + "]";
	}

}
