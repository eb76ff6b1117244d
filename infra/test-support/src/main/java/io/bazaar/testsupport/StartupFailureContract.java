package io.bazaar.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What every service with a database promises an operator who got its configuration
 * wrong: it stops at once with one message naming the problem and what to do, rather than
 * starting half broken or burying the cause in a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class StartupFailureContract {

	private final Class<?> application;

	private final String serviceName;

	private final String passwordSetting;

	/**
	 * @param application the service's application class
	 * @param serviceName the service's name
	 * @param passwordSetting the placeholder its configuration reads the database
	 * password from
	 */
	protected StartupFailureContract(Class<?> application, String serviceName, String passwordSetting) {
		this.application = application;
		this.serviceName = serviceName;
		this.passwordSetting = passwordSetting;
	}

	@Test
	void unreachableDatabaseStopsStartupWithAClearMessage(CapturedOutput output) {
		Map<String, Object> settings = infrastructureSettings();
		settings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/nowhere");

		assertThatException().isThrownBy(() -> start(settings));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("could not open its database jdbc:postgresql://127.0.0.1:1/nowhere")
			.contains("Check that PostgreSQL is running");
	}

	@Test
	void missingSecretStopsStartupNamingTheSetting(CapturedOutput output) {
		Map<String, Object> settings = infrastructureSettings();
		settings.remove("spring.datasource.password");

		assertThatException().isThrownBy(() -> start(settings));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The required setting '" + this.passwordSetting + "' is not set")
			.contains("environment variable " + this.passwordSetting);
	}

	private Map<String, Object> infrastructureSettings() {
		return ServiceInfrastructure.forService(this.serviceName, true).properties();
	}

	private void start(Map<String, Object> settings) {
		List<String> args = new ArrayList<>();
		settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		args.add("--server.port=0");
		args.add("--" + ServiceInfrastructure.CONSUL_OFF);
		new SpringApplicationBuilder(this.application).run(args.toArray(String[]::new)).close();
	}

}
