package io.bazaar.user;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.sql.Connection;
import java.sql.SQLException;

import io.bazaar.testsupport.HealthReport;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.postgres.IsolatedDatabase;
import io.bazaar.testsupport.postgres.PostgresServer;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ServiceIntegrationTest(
		properties = { ServiceInfrastructure.CONSUL_OFF, "management.endpoint.health.show-details=always" })
class UserServiceApplicationIntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private ServiceInfrastructure infrastructure;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void healthIsUpWithDatabaseRedisAndKafkaReachable() throws Exception {
		HttpResponse<String> health = get("/actuator/health");

		assertThat(health.statusCode()).isEqualTo(200);
		HealthReport report = HealthReport.parse(health.body());
		assertThat(report.status()).isEqualTo("UP");
		assertThat(report.components()).containsEntry("db", "UP")
			.containsEntry("redis", "UP")
			.containsEntry("kafka", "UP");
	}

	@Test
	void livenessAndReadinessGroupsAreUp() throws Exception {
		assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
	}

	@Test
	void flywayMigratedTheServicesOwnDatabase() {
		Integer applied = this.jdbc.queryForObject(
				"SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL", Integer.class);
		String database = this.jdbc.queryForObject("SELECT current_database()", String.class);

		assertThat(applied).isPositive();
		assertThat(database).isEqualTo(this.infrastructure.database().name());
	}

	@Test
	void exposesPrometheusMetricsTaggedWithTheServiceName() throws Exception {
		HttpResponse<String> metrics = get("/actuator/prometheus");

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes", "application=\"user-service\"");
	}

	@Test
	void exposesNoOtherActuatorEndpoints() throws Exception {
		assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
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

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				BodyHandlers.ofString());
	}

}
