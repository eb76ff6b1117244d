package io.bazaar.testsupport.foundation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Set;

import io.bazaar.testsupport.HealthReport;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service offers its operators, checked against the running service: health UP
 * with every backing server reachable, liveness and readiness groups for probes,
 * Prometheus metrics, no actuator endpoint beyond those, and JSON log lines that carry
 * the trace and span ids.
 */
@ServiceIntegrationTest(
		properties = { ServiceInfrastructure.CONSUL_OFF, "management.endpoint.health.show-details=always" })
@ExtendWith(OutputCaptureExtension.class)
public abstract class ServiceFoundationContract {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private Environment environment;

	@Autowired
	private Tracer tracer;

	/**
	 * The health components that must report UP, e.g. {@code db}, {@code redis},
	 * {@code kafka}.
	 */
	protected abstract Set<String> backingServers();

	@Test
	void healthIsUpWithEveryBackingServerReachable() throws Exception {
		HttpResponse<String> health = get("/actuator/health");

		assertThat(health.statusCode()).isEqualTo(200);
		HealthReport report = HealthReport.parse(health.body());
		assertThat(report.status()).isEqualTo("UP");
		backingServers().forEach((server) -> assertThat(report.components()).containsEntry(server, "UP"));
	}

	@Test
	void livenessAndReadinessGroupsAreUp() throws Exception {
		assertThat(HealthReport.parse(get("/actuator/health/liveness").body()).status()).isEqualTo("UP");
		assertThat(HealthReport.parse(get("/actuator/health/readiness").body()).status()).isEqualTo("UP");
	}

	@Test
	void exposesPrometheusMetricsTaggedWithTheServiceName() throws Exception {
		HttpResponse<String> metrics = get("/actuator/prometheus");

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes",
				"application=\"" + this.environment.getProperty("spring.application.name") + "\"");
	}

	/**
	 * Prometheus asks for OpenMetrics, which allows trace exemplars on counters and
	 * histogram buckets only; one anywhere else (Micrometer's default puts them on the
	 * {@code _count} of timers without a histogram) makes Prometheus 2.x reject the whole
	 * scrape. Requests that touch the database, recorded while traced, come first, so the
	 * scrape has exemplars to check.
	 */
	@Test
	void scrapesAsValidOpenMetricsWithExemplarsOnlyWhereAllowed() throws Exception {
		for (int i = 0; i < 3; i++) {
			get("/actuator/health");
		}
		HttpResponse<String> scrape = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus"))
				.header("Accept", "application/openmetrics-text;version=1.0.0")
				.GET()
				.build(), BodyHandlers.ofString());

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/openmetrics-text"));
		assertThat(scrape.body().strip()).endsWith("# EOF");
		assertThat(scrape.body().lines().filter((line) -> !line.startsWith("#") && line.contains(" # {")))
			.as("samples carrying an exemplar")
			.allSatisfy((line) -> assertThat(line).matches("[a-zA-Z_:][a-zA-Z0-9_:]*_(total|bucket)[{ ].*"));
	}

	@Test
	void exposesNoActuatorEndpointBeyondHealthInfoAndPrometheus() throws Exception {
		assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
		for (String hidden : new String[] { "/actuator/env", "/actuator/beans", "/actuator/heapdump" }) {
			assertThat(get(hidden).statusCode()).as(hidden + " (401 where security guards unknown paths)")
				.isIn(401, 404);
		}
	}

	@Test
	void logsJsonLinesCarryingTraceAndSpanIds(CapturedOutput output) {
		Span span = this.tracer.nextSpan().name("log-probe").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			LoggerFactory.getLogger(ServiceFoundationContract.class).info("log-probe inside a span");
		}
		finally {
			span.end();
		}

		String line = output.getOut()
			.lines()
			.filter((candidate) -> candidate.contains("log-probe inside a span"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("The probe line was not logged"));
		JsonNode logged = json.readTree(line);
		assertThat(logged.path("message").asString()).isEqualTo("log-probe inside a span");
		assertThat(logged.path("service").path("name").asString())
			.isEqualTo(this.environment.getProperty("spring.application.name"));
		assertThat(logged.path("traceId").asString()).isEqualTo(span.context().traceId());
		assertThat(logged.path("spanId").asString()).isEqualTo(span.context().spanId());
	}

	protected HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				BodyHandlers.ofString());
	}

}
