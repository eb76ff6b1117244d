package io.bazaar.runtime;

import javax.sql.DataSource;

import io.bazaar.testsupport.postgres.IsolatedDatabase;
import io.bazaar.testsupport.postgres.PostgresServer;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A fresh database holding the tables the runtime works on ({@code platform-tables.sql},
 * as the services' migrations leave them), for the runtime's own tests.
 */
public final class PlatformTables {

	private PlatformTables() {
	}

	public static DataSource createDatabase(String purpose) {
		IsolatedDatabase database = IsolatedDatabase.create(PostgresServer.shared(), purpose);
		DataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
				database.password());
		new ResourceDatabasePopulator(new ClassPathResource("io/bazaar/runtime/platform-tables.sql"))
			.execute(dataSource);
		return dataSource;
	}

}
