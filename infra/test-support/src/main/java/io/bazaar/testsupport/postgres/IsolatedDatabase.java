package io.bazaar.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database owned by a role of the same name, provisioned the way the platform
 * provisions a service's database: the role may connect to its own database only
 * ({@code CONNECT} is revoked from {@code PUBLIC}), so one service can never read
 * another's data.
 */
public record IsolatedDatabase(PostgresServer server, String name, String password) {

	/** Creates a database and role named after {@code purpose} plus a random suffix. */
	public static IsolatedDatabase create(PostgresServer server, String purpose) {
		String name = (purpose.replaceAll("[^A-Za-z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8))
			.toLowerCase(Locale.ROOT);
		String password = UUID.randomUUID().toString();
		try (Connection admin = server.connectAsAdmin(); Statement sql = admin.createStatement()) {
			sql.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
			sql.execute("CREATE DATABASE " + name + " OWNER " + name);
			sql.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
			sql.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not provision test database '" + name + "' on "
					+ server.jdbcUrl("postgres") + " as " + server.adminUser() + ": " + ex.getMessage(), ex);
		}
		return new IsolatedDatabase(server, name, password);
	}

	public String jdbcUrl() {
		return this.server.jdbcUrl(this.name);
	}

	public String username() {
		return this.name;
	}

	/** Connects to {@code database} as this database's role, as its service would. */
	public Connection connectTo(String database) throws SQLException {
		return DriverManager.getConnection(this.server.jdbcUrl(database), this.name, this.password);
	}

}
