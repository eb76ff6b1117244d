package io.bazaar.deployment.observability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.deployment.Repository;
import io.bazaar.deployment.compose.ComposeFile;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observability profile's configuration: Prometheus finds every service instance
 * through Consul, Grafana is provisioned with its data sources and a dashboard whose
 * panels query the metrics the services publish.
 */
class ObservabilityConfigTest {

	private final ObjectMapper json = new ObjectMapper();

	@Test
	@SuppressWarnings("unchecked")
	void prometheusScrapesEveryServiceItFindsInConsul() {
		Map<String, Object> config = yaml("infra/deploy/prometheus/prometheus.yml");
		List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
		assertThat(jobs).hasSize(1);
		Map<String, Object> job = jobs.get(0);
		assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
		List<Map<String, Object>> consul = (List<Map<String, Object>>) job.get("consul_sd_configs");
		assertThat(consul).singleElement().satisfies((sd) -> {
			assertThat(sd).containsEntry("server", "consul:8500");
			assertThat((List<String>) sd.get("services")).containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
		});
		assertThat((List<String>) config.get("rule_files")).as("the SLO and cause rules are loaded")
			.containsExactly("rules/*.yml");
		ComposeFile compose = ComposeFile.parse(Repository.read("docker-compose.yml"));
		assertThat((List<?>) compose.service("prometheus").get("volumes")).map(String::valueOf)
			.contains("./infra/deploy/prometheus/rules:/etc/prometheus/rules:ro");
	}

	@Test
	void grafanaDashboardHasThePanelsOfThePlatformOverview() throws IOException {
		JsonNode dashboard = this.json
			.readTree(Repository.read("infra/deploy/grafana/dashboards/bazaar-overview.json"));
		Map<String, String> queries = new TreeMap<>();
		for (JsonNode panel : dashboard.get("panels")) {
			List<String> expressions = new ArrayList<>();
			panel.get("targets").forEach((target) -> expressions.add(target.get("expr").asText()));
			queries.put(panel.get("title").asText(), String.join("\n", expressions));
		}
		assertThat(queries)
			.hasEntrySatisfying("Request rate",
					(query) -> assertThat(query).contains("http_server_requests_seconds_count"))
			.hasEntrySatisfying("Latency (p50 / p95)",
					(query) -> assertThat(query).contains("histogram_quantile(0.95",
							"http_server_requests_seconds_bucket"))
			.hasEntrySatisfying("Errors (5xx ratio)", (query) -> assertThat(query).contains("status=~\"5..\""))
			.hasEntrySatisfying("Cache hit ratio",
					(query) -> assertThat(query).contains("catalog_cache_requests_total{result=\"hit\"}"))
			.hasEntrySatisfying("Kafka consumer lag",
					(query) -> assertThat(query).contains("kafka_consumer_fetch_manager_records_lag_max"))
			.hasEntrySatisfying("Saga outcomes",
					(query) -> assertThat(query).contains("bazaar_orders_completed_total", "outcome"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyPanelQueriesAProvisionedDataSource() throws IOException {
		Map<String, Object> provisioning = yaml("infra/deploy/grafana/provisioning/datasources/datasources.yml");
		List<String> uids = ((List<Map<String, Object>>) provisioning.get("datasources")).stream()
			.map((source) -> (String) source.get("uid"))
			.toList();
		assertThat(uids).contains("prometheus", "jaeger");
		JsonNode dashboard = this.json
			.readTree(Repository.read("infra/deploy/grafana/dashboards/bazaar-overview.json"));
		for (JsonNode panel : dashboard.get("panels")) {
			assertThat(uids).as("data source of panel %s", panel.get("title").asText())
				.contains(panel.get("datasource").get("uid").asText());
		}
	}

	@Test
	void composeMountsTheConfigurationThatExists() {
		ComposeFile compose = ComposeFile.parse(Repository.read("docker-compose.yml"));
		List<Object> volumes = new ArrayList<>();
		for (String service : List.of("prometheus", "grafana")) {
			volumes.addAll((List<?>) compose.service(service).get("volumes"));
		}
		assertThat(volumes).isNotEmpty().allSatisfy((volume) -> {
			String source = String.valueOf(volume).split(":")[0];
			assertThat(Repository.resolve(source)).as("mounted %s", source).exists();
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> yaml(String path) {
		return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Repository.read(path));
	}

}
