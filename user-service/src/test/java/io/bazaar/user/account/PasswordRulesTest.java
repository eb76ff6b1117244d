package io.bazaar.user.account;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordRulesTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "none",
			textBlock = """
					twelve characters with a letter and a digit | abcdefghijk1                   | none
					long passphrase                             | correct horse battery staple 9 | none
					letters of any script count                 | пароль-пароль-1                | none
					eleven characters                           | abcdefghij1                    | size must be between 12 and 128
					no digit                                    | abcdefghijklmnop               | must contain at least one letter and one digit
					no letter                                   | 1234567890123                  | must contain at least one letter and one digit
					the email itself                            | ada1@example.com               | must not be the email address
					the email in another case                   | ADA1@EXAMPLE.COM               | must not be the email address
					""")
	void checksLengthLettersDigitsAndTheEmail(String name, String password, String expected) {
		assertThat(PasswordRules.problemWith(password, "ada1@example.com")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} characters")
	@CsvSource({ "128, true", "129, false" })
	void allowsAtMost128Characters(int length, boolean allowed) {
		String password = "a1" + "x".repeat(length - 2);

		assertThat(PasswordRules.problemWith(password, "ada@example.com") == null).isEqualTo(allowed);
	}

}
