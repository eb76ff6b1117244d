package io.bazaar.runtime.diagnostics;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.PlaceholderResolutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RequiredSettingsCheckTest {

	private final StandardEnvironment environment = new StandardEnvironment();

	RequiredSettingsCheckTest() {
		this.environment.getPropertySources()
			.addLast(new OriginTrackedMapPropertySource("Config resource 'application.yml'",
					Map.of("spring.datasource.password", "${CATALOG_DB_PASSWORD}", "server.port", "${PORT:8082}")));
	}

	@Test
	void failsNamingASettingThatIsGivenNowhere() {
		assertThatExceptionOfType(PlaceholderResolutionException.class)
			.isThrownBy(() -> RequiredSettingsCheck.verify(this.environment))
			.satisfies((ex) -> assertThat(ex.getPlaceholder()).isEqualTo("CATALOG_DB_PASSWORD"));
	}

	@Test
	void passesWhenTheSettingIsGivenElsewhere() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("environment", Map.of("CATALOG_DB_PASSWORD", "s3cret")));

		assertThatNoException().isThrownBy(() -> RequiredSettingsCheck.verify(this.environment));
	}

	@Test
	void passesWhenAHigherSourceOverridesTheWholeValue() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("spring.datasource.password", "given-directly")));

		assertThatNoException().isThrownBy(() -> RequiredSettingsCheck.verify(this.environment));
	}

	@Test
	void theFailureIsReportedAsAMissingSettingWithTheEnvironmentVariableToSet() {
		PlaceholderResolutionException failure = null;
		try {
			RequiredSettingsCheck.verify(this.environment);
		}
		catch (PlaceholderResolutionException ex) {
			failure = ex;
		}

		FailureAnalysis analysis = new MissingSettingFailureAnalyzer().analyze(new IllegalStateException(failure));

		assertThat(analysis.getDescription()).isEqualTo("The required setting 'CATALOG_DB_PASSWORD' is not set.");
		assertThat(analysis.getAction()).contains("environment variable CATALOG_DB_PASSWORD");
	}

}
