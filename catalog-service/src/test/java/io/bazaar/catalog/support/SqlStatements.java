package io.bazaar.catalog.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records the SQL the service sends to PostgreSQL, so a test can tell whether a read
 * reached the database. The connections stay real; only the statement text is noted on
 * the way through.
 */
public final class SqlStatements {

	private final List<String> statements = new CopyOnWriteArrayList<>();

	/** How many statements so far read the product table. */
	public long productReads() {
		return this.statements.stream()
			.map((sql) -> sql.toLowerCase(Locale.ROOT))
			.filter((sql) -> sql.startsWith("select") && sql.contains("from product p"))
			.count();
	}

	private Connection recording(Connection connection) {
		InvocationHandler handler = (proxy, method, args) -> {
			if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall")) && args != null
					&& args[0] instanceof String sql) {
				this.statements.add(sql.strip());
			}
			try {
				return method.invoke(connection, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, handler);
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Recording {

		@Bean
		static SqlStatements sqlStatements() {
			return new SqlStatements();
		}

		@Bean
		static BeanPostProcessor recordingDataSource(ObjectProvider<SqlStatements> log) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
						return new DelegatingDataSource(dataSource) {
							@Override
							public Connection getConnection() throws SQLException {
								return log.getObject().recording(super.getConnection());
							}

							@Override
							public Connection getConnection(String username, String password) throws SQLException {
								return log.getObject().recording(super.getConnection(username, password));
							}
						};
					}
					return bean;
				}
			};
		}

	}

}
