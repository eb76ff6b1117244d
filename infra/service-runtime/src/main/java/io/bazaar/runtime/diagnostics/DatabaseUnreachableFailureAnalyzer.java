package io.bazaar.runtime.diagnostics;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Explains a start-up that failed because the service's database could not be reached or
 * refused the service's role, instead of leaving a stack trace to decode.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnreachableFailureAnalyzer implements FailureAnalyzer {

	private final Environment environment;

	DatabaseUnreachableFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		SQLException refusal = connectionRefusal(failure);
		if (refusal == null) {
			return null;
		}
		String url = this.environment.getProperty("spring.datasource.url", "(spring.datasource.url is not set)");
		String user = this.environment.getProperty("spring.datasource.username", "(no username)");
		String description = String.format("The service could not open its database %s as '%s': %s", url, user,
				refusal.getMessage());
		String action = "Check that PostgreSQL is running and reachable from this service, that the database and role "
				+ "exist (infra/local/databases.sh provisions them locally), and that the datasource settings "
				+ "(spring.datasource.url, .username, .password, usually given as environment variables) are right.";
		return new FailureAnalysis(description, action, failure);
	}

	/**
	 * The first SQL error in the chain whose SQLState class means the connection itself
	 * failed: 08 connection exception, 28 invalid authorization, 3D000 unknown database,
	 * 42501 no privilege.
	 */
	private static SQLException connectionRefusal(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")
						|| state.equals("42501")) {
					return sql;
				}
			}
		}
		return null;
	}

}
