package io.bazaar.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.bazaar.testsupport.Environment;
import io.bazaar.testsupport.InfrastructureMode;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL server the tests may create databases and roles on: a shared
 * Testcontainers container, or the machine's own server ({@code PGHOST}, {@code PGPORT},
 * {@code PGUSER}, {@code PGPASSWORD}; defaults 127.0.0.1, 5432, postgres, none).
 */
public record PostgresServer(String host, int port, String adminUser, String adminPassword) {

	private static final String IMAGE = "postgres:17-alpine";

	private static volatile PostgresServer shared;

	/** The server for this test JVM, started on first use. */
	public static synchronized PostgresServer shared() {
		if (shared == null) {
			shared = (InfrastructureMode.current() == InfrastructureMode.CONTAINERS) ? startContainer() : local();
		}
		return shared;
	}

	private static PostgresServer local() {
		return new PostgresServer(Environment.get("PGHOST", "127.0.0.1"), Environment.getInt("PGPORT", 5432),
				Environment.get("PGUSER", "postgres"), Environment.get("PGPASSWORD", ""));
	}

	@SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM exits
	private static PostgresServer startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		container.start();
		return new PostgresServer(container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
				container.getUsername(), container.getPassword());
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	/** Connects as the administrator to the maintenance database. */
	public Connection connectAsAdmin() throws SQLException {
		return DriverManager.getConnection(jdbcUrl("postgres"), this.adminUser, this.adminPassword);
	}

}
