package io.bazaar.testsupport.foundation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.postgres.IsolatedDatabase;
import io.bazaar.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The foundation of a service that owns a database: besides
 * {@link ServiceFoundationContract}, its schema is migrated by Flyway on start-up into
 * its own database, and its role can reach no other service's database, nor another role
 * its own (federation: no shared schema).
 */
public abstract class DataServiceFoundationContract extends ServiceFoundationContract {

	@Autowired
	private ServiceInfrastructure infrastructure;

	@Autowired
	private JdbcTemplate jdbc;

	@Override
	protected Set<String> backingServers() {
		return Set.of("db", "redis", "kafka");
	}

	@Test
	void flywayMigratedTheServicesOwnDatabaseOnStartup() {
		Integer applied = this.jdbc.queryForObject(
				"SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL", Integer.class);
		Integer failed = this.jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE NOT success",
				Integer.class);
		String database = this.jdbc.queryForObject("SELECT current_database()", String.class);

		assertThat(applied).isPositive();
		assertThat(failed).isZero();
		assertThat(database).isEqualTo(this.infrastructure.database().name());
	}

	@Test
	void roleCannotReachAnotherServicesDatabase() throws SQLException {
		IsolatedDatabase own = this.infrastructure.database();
		IsolatedDatabase another = IsolatedDatabase.create(PostgresServer.shared(), "another_service");

		try (Connection ownConnection = own.connectTo(own.name())) {
			assertThat(ownConnection.isValid(1)).isTrue();
		}
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> own.connectTo(another.name()).close())
			.withMessageContaining("permission denied for database");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> another.connectTo(own.name()).close())
			.withMessageContaining("permission denied for database");
	}

}
