package io.bazaar.catalog.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import io.bazaar.catalog.support.CatalogServiceIntegrationTestBase;
import io.bazaar.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the catalog's database stops taking connections, a read that needs it answers 503
 * problem+json with {@code Retry-After} (not a 500), the instance reports itself not
 * ready, and both recover once the database is back. The outage is real: the service's
 * role may no longer log in, and its open connections are terminated.
 */
@TestPropertySource(properties = "spring.datasource.hikari.connection-timeout=1000")
class DatabaseOutageIntegrationTest extends CatalogServiceIntegrationTestBase {

	@Value("${spring.datasource.username}")
	private String role;

	@AfterEach
	void databaseIsBack() throws SQLException {
		admin("ALTER ROLE \"" + this.role + "\" LOGIN");
	}

	@Test
	void readsAnswer503WhileTheDatabaseIsUnreachableAndRecoverAfterwards() throws Exception {
		assertThat(get(search()).statusCode()).isEqualTo(200);

		admin("ALTER ROLE \"" + this.role + "\" NOLOGIN");
		admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + this.role + "'");

		var refused = get(search());
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(body(refused).path("type").asString())
			.isEqualTo("https://bazaar.example/problems/service-unavailable");
		assertThat(refused.body()).doesNotContain("Exception", "jdbc:");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503));

		admin("ALTER ROLE \"" + this.role + "\" LOGIN");

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get(search()).statusCode()).isEqualTo(200));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200));
	}

	/** A search no cache can have answered before. */
	private static String search() {
		return "/api/products?q=" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static void admin(String sql) throws SQLException {
		try (Connection connection = PostgresServer.shared().connectAsAdmin();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
