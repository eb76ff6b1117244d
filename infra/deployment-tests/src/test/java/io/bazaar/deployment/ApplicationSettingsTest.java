package io.bazaar.deployment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ApplicationSettingsTest {

	@Test
	void requiresVariablesWithoutDefaultsOrWithLocalhostDefaults() {
		ApplicationSettings settings = ApplicationSettings.parse("orders", """
				spring:
				  datasource:
				    url: ${ORDERS_DB_URL:jdbc:postgresql://localhost:5432/orders}
				    username: ${ORDERS_DB_USER:orders}
				    password: ${ORDERS_DB_PASSWORD}
				  kafka:
				    bootstrap-servers: ${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}
				  cloud.consul.discovery.instance-id: ${spring.application.name}-${random.uuid}
				server:
				  port: ${PORT:8083}
				""");
		assertThat(settings.required()).containsExactlyInAnyOrder("ORDERS_DB_URL", "ORDERS_DB_PASSWORD",
				"KAFKA_BOOTSTRAP_SERVERS");
		assertThat(settings.port()).isEqualTo(8083);
	}

	@Test
	void readsEachServicesApplicationYaml() {
		for (String service : Repository.SERVICES) {
			ApplicationSettings settings = ApplicationSettings.of(service);
			assertThat(settings.required()).as(service).contains("REDIS_HOST", "CONSUL_HOST");
		}
		assertThat(ApplicationSettings.of("catalog-service").required()).contains("CATALOG_DB_URL",
				"CATALOG_DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS");
	}

	@Test
	void refusesAnApplicationYamlWithoutAPortSetting() {
		assertThatIllegalStateException().isThrownBy(() -> ApplicationSettings.parse("x", "server:\n  port: 8080\n"))
			.withMessageContaining("${PORT:<n>}");
	}

}
