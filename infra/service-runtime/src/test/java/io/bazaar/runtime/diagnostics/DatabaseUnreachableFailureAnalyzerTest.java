package io.bazaar.runtime.diagnostics;

import java.sql.SQLException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnreachableFailureAnalyzerTest {

	private final DatabaseUnreachableFailureAnalyzer analyzer = new DatabaseUnreachableFailureAnalyzer(
			new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/catalog")
				.withProperty("spring.datasource.username", "catalog"));

	@ParameterizedTest(name = "SQLState {0} ({1})")
	@CsvSource({ "08001, connection refused", "08006, connection failure", "28P01, wrong password",
			"3D000, unknown database", "42501, no CONNECT privilege" })
	void explainsConnectionFailuresAnywhereInTheCauseChain(String sqlState, String what) {
		Exception failure = new IllegalStateException("Flyway failed",
				new RuntimeException(new SQLException(what, sqlState)));

		FailureAnalysis analysis = this.analyzer.analyze(failure);

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("jdbc:postgresql://db:5432/catalog", "'catalog'", what);
		assertThat(analysis.getAction()).contains("spring.datasource.url");
	}

	@ParameterizedTest(name = "SQLState {0}")
	@ValueSource(strings = { "23505", "42P01", "22001" })
	void leavesOtherDatabaseErrorsToTheirOwnReporting(String sqlState) {
		assertThat(this.analyzer.analyze(new IllegalStateException(new SQLException("boom", sqlState)))).isNull();
	}

}
