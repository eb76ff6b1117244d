package io.bazaar.user.auth;

import java.util.ArrayList;
import java.util.List;

import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.user.UserServiceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A weak key-encryption secret stops start-up, naming the setting but never its value.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyEncryptionSecretIntegrationTest {

	@Test
	void aSecretShorterThan32CharactersStopsStartup(CapturedOutput output) {
		List<String> args = new ArrayList<>();
		ServiceInfrastructure.forService("user-service", true)
			.properties()
			.forEach((key, value) -> args.add("--" + key + "=" + value));
		args.add("--server.port=0");
		args.add("--" + ServiceInfrastructure.CONSUL_OFF);
		args.add("--users.tokens.key-encryption-secret=weak-secret-4711");

		assertThatException()
			.isThrownBy(
					() -> new SpringApplicationBuilder(UserServiceApplication.class).run(args.toArray(String[]::new))
						.close())
			.withStackTraceContaining("USERS_KEY_ENCRYPTION_SECRET must be at least 32 characters long");
		assertThat(output).doesNotContain("weak-secret-4711");
	}

}
