package io.bazaar.user.auth;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KeyEncryptionTest {

	private static final byte[] PLAINTEXT = "private key material".getBytes(StandardCharsets.UTF_8);

	private final KeyEncryption encryption = new KeyEncryption("a-secret-of-at-least-32-characters-1");

	@Test
	void decryptsWhatItEncrypted() {
		byte[] sealed = this.encryption.encrypt(PLAINTEXT, "kid-1");

		assertThat(this.encryption.decrypt(sealed, "kid-1")).isEqualTo(PLAINTEXT);
	}

	@Test
	void neverProducesTheSameCiphertextTwice() {
		assertThat(this.encryption.encrypt(PLAINTEXT, "kid-1"))
			.isNotEqualTo(this.encryption.encrypt(PLAINTEXT, "kid-1"));
	}

	@Test
	void theCiphertextDoesNotContainThePlaintext() {
		String sealed = new String(this.encryption.encrypt(PLAINTEXT, "kid-1"), StandardCharsets.ISO_8859_1);

		assertThat(sealed).doesNotContain("private key material");
	}

	@Test
	void anotherSecretCannotDecrypt() {
		byte[] sealed = this.encryption.encrypt(PLAINTEXT, "kid-1");
		KeyEncryption other = new KeyEncryption("another-secret-of-at-least-32-chars");

		assertThatIllegalStateException().isThrownBy(() -> other.decrypt(sealed, "kid-1"))
			.withMessageContaining("USERS_KEY_ENCRYPTION_SECRET");
	}

	@Test
	void aCiphertextMovedToAnotherKeyIdIsRejected() {
		byte[] sealed = this.encryption.encrypt(PLAINTEXT, "kid-1");

		assertThatIllegalStateException().isThrownBy(() -> this.encryption.decrypt(sealed, "kid-2"));
	}

	@Test
	void aTamperedCiphertextIsRejected() {
		byte[] sealed = this.encryption.encrypt(PLAINTEXT, "kid-1");
		sealed[sealed.length - 1] ^= 1;

		assertThatIllegalStateException().isThrownBy(() -> this.encryption.decrypt(sealed, "kid-1"));
	}

}
