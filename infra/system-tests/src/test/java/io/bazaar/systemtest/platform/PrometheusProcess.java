package io.bazaar.systemtest.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Prometheus server (the {@code prometheus} on the PATH: Debian's package) scraping
 * every instance of a platform the way {@code infra/local/prometheus.sh} configures it
 * (job {@code bazaar-services}, each target labelled with its {@code service}), with the
 * project's rule files loaded, its data in a directory of its own. Read through its HTTP
 * API.
 */
public final class PrometheusProcess extends ExternalProcess {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path executable;

	private final Path config;

	private final Path data;

	private PrometheusProcess(Path executable, int port, Path config, Path data, Path log) {
		super("Prometheus", port, log);
		this.executable = executable;
		this.config = config;
		this.data = data;
	}

	/** The {@code prometheus} on the PATH, if there is one. */
	public static Optional<Path> executable() {
		return Probe.onPath("prometheus");
	}

	/**
	 * Writes the configuration: every instance of {@code targets} (service to instances)
	 * scraped and the rules evaluated every {@code interval}, the rule files
	 * {@code rules/*.yml} loaded.
	 */
	static PrometheusProcess create(Path directory, int port, Path rules, Map<String, List<ServiceProcess>> targets,
			Duration interval) {
		Path executable = executable()
			.orElseThrow(() -> new IllegalStateException("No prometheus on the PATH (Debian's prometheus package)"));
		Path config = directory.resolve("prometheus.yml");
		List<String> lines = new ArrayList<>(List.of("global:", "  scrape_interval: " + interval.toSeconds() + "s",
				"  evaluation_interval: " + interval.toSeconds() + "s", "rule_files:",
				"  - " + rules.toAbsolutePath().resolve("*.yml"), "scrape_configs:", "  - job_name: bazaar-services",
				"    metrics_path: /actuator/prometheus", "    static_configs:"));
		targets.forEach((service, instances) -> instances.forEach((instance) -> {
			lines.add("      - targets: [\"127.0.0.1:" + instance.port() + "\"]");
			lines.add("        labels: {service: " + service + "}");
		}));
		try {
			Files.write(config, lines);
			return new PrometheusProcess(executable, port, config,
					Files.createDirectories(directory.resolve("prometheus-data")), directory.resolve("prometheus.log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String baseUri() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Starts the server and waits until it is ready: its storage open, its rules loaded.
	 */
	@Override
	public void start() {
		super.start();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (!isReady()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Prometheus was not ready within 60 s; see its log");
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private boolean isReady() {
		return Probe.answersOk(baseUri() + "/-/ready");
	}

	@Override
	List<String> command() {
		return List.of(this.executable.toString(), "--config.file=" + this.config, "--storage.tsdb.path=" + this.data,
				"--web.listen-address=127.0.0.1:" + port());
	}

	/**
	 * The {@code for:} of the loaded alerting rule {@code alert}, as Prometheus read it.
	 */
	public Duration holdDuration(String alert) {
		for (JsonNode group : get("/api/v1/rules?type=alert").path("data").path("groups")) {
			for (JsonNode rule : group.path("rules")) {
				if (rule.path("name").asString().equals(alert)) {
					return Duration.ofMillis((long) (rule.path("duration").asDouble() * 1000));
				}
			}
		}
		throw new IllegalStateException("Prometheus has no alerting rule " + alert + " loaded");
	}

	/**
	 * The state ({@code pending} or {@code firing}) of the active alert {@code alert}
	 * whose label {@code label} is {@code value}; empty when no such alert is active.
	 */
	public Optional<String> alertState(String alert, String label, String value) {
		for (JsonNode active : get("/api/v1/alerts").path("data").path("alerts")) {
			JsonNode labels = active.path("labels");
			if (labels.path("alertname").asString().equals(alert) && labels.path(label).asString().equals(value)) {
				return Optional.of(active.path("state").asString());
			}
		}
		return Optional.empty();
	}

	/** The value of each series of an instant query, by the value of {@code label}. */
	public Map<String, Double> query(String promQl, String label) {
		Map<String, Double> values = new LinkedHashMap<>();
		for (JsonNode series : get("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8))
			.path("data")
			.path("result")) {
			values.put(series.path("metric").path(label).asString(),
					Double.parseDouble(series.path("value").get(1).asString()));
		}
		return values;
	}

	private JsonNode get(String path) {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(baseUri() + path)).timeout(Duration.ofSeconds(10)).build(),
					BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"Prometheus answered " + path + " with " + response.statusCode() + ": " + response.body());
			}
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
