package io.bazaar.user.account;

/**
 * The rules of {@link PasswordPolicy}, shared by registration and by the seeding of the
 * first administrator.
 */
final class PasswordRules {

	private PasswordRules() {
	}

	/**
	 * @return what is wrong with the password, or {@code null} when it passes (or is
	 * absent, which {@code @NotNull} reports)
	 */
	static String problemWith(String password, String email) {
		if (password == null) {
			return null;
		}
		if (password.length() < PasswordPolicy.MIN_LENGTH || password.length() > PasswordPolicy.MAX_LENGTH) {
			return "size must be between " + PasswordPolicy.MIN_LENGTH + " and " + PasswordPolicy.MAX_LENGTH;
		}
		if (password.codePoints().noneMatch(Character::isLetter)
				|| password.codePoints().noneMatch(Character::isDigit)) {
			return "must contain at least one letter and one digit";
		}
		if (email != null && password.strip().equalsIgnoreCase(email)) {
			return "must not be the email address";
		}
		return null;
	}

}
