package io.bazaar.gateway.observability;

import java.time.Instant;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogFormatterTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final LoggerContext loggers = new LoggerContext();

	private final AccessLogFormatter formatter = new AccessLogFormatter(
			new MockEnvironment().withProperty("spring.application.name", "gateway")
				.withProperty("logging.structured.ecs.service.version", "1.2.3")
				.withProperty("logging.structured.ecs.service.environment", "eu-west"));

	@Test
	void writesTheEntryAsOneEcsLine() {
		String line = this.formatter.format(event(new AccessLogEntry("POST", "/api/orders", 201, 37, "req-1",
				"10.0.0.7", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")));

		assertThat(line).endsWith("}\n").doesNotContain("\n{");
		JsonNode written = json.readTree(line);
		assertThat(written.path("@timestamp").asString()).isEqualTo("2026-12-02T10:15:30.123456789Z");
		assertThat(written.path("log").path("level").asString()).isEqualTo("INFO");
		assertThat(written.path("log").path("logger").asString()).isEqualTo("io.bazaar.gateway.access");
		assertThat(written.path("process").path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
		assertThat(written.path("process").path("thread").path("name").asString()).isEqualTo("reactor-http-epoll-1");
		assertThat(written.path("service").path("name").asString()).isEqualTo("gateway");
		assertThat(written.path("service").path("version").asString()).isEqualTo("1.2.3");
		assertThat(written.path("service").path("environment").asString()).isEqualTo("eu-west");
		assertThat(written.path("message").asString()).isEqualTo("POST /api/orders 201");
		assertThat(written.path("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(written.path("spanId").asString()).isEqualTo("00f067aa0ba902b7");
		assertThat(written.path("http").path("request").path("method").asString()).isEqualTo("POST");
		assertThat(written.path("http").path("request").path("id").asString()).isEqualTo("req-1");
		assertThat(written.path("http").path("response").path("status_code").asInt()).isEqualTo(201);
		assertThat(written.path("url").path("path").asString()).isEqualTo("/api/orders");
		assertThat(written.path("event").path("duration_ms").asLong()).isEqualTo(37);
		assertThat(written.path("client").path("address").asString()).isEqualTo("10.0.0.7");
		assertThat(written.path("ecs").path("version").asString()).isEqualTo("8.11");
	}

	@Test
	void leavesOutTheTraceAndRequestIdsARequestDidNotHave() {
		JsonNode written = json
			.readTree(this.formatter.format(event(new AccessLogEntry("GET", "/", 0, 0, null, "", null, null))));

		assertThat(written.has("traceId")).isFalse();
		assertThat(written.has("spanId")).isFalse();
		assertThat(written.path("http").path("request").has("id")).isFalse();
		assertThat(written.path("http").path("response").path("status_code").asInt()).isZero();
	}

	@Test
	void escapesWhatAClientPutInThePath() {
		String path = "/api/products/\"quoted\"\\back\tslash\u0001\n{\"forged\":true}/é";

		JsonNode written = json
			.readTree(this.formatter.format(event(new AccessLogEntry("GET", path, 404, 1, "r", "::1", null, null))));

		assertThat(written.path("url").path("path").asString()).isEqualTo(path);
		assertThat(written.has("forged")).isFalse();
	}

	@Test
	void writesAnEventWithoutAnEntryWithItsMessage() {
		LoggingEvent event = event("plain message", null);

		JsonNode written = json.readTree(this.formatter.format(event));

		assertThat(written.path("message").asString()).isEqualTo("plain message");
		assertThat(written.has("http")).isFalse();
	}

	private LoggingEvent event(AccessLogEntry entry) {
		return event("{}", new Object[] { entry });
	}

	private LoggingEvent event(String message, Object[] arguments) {
		LoggingEvent event = new LoggingEvent();
		event.setLoggerContext(this.loggers);
		event.setLoggerName("io.bazaar.gateway.access");
		event.setLevel(Level.INFO);
		event.setThreadName("reactor-http-epoll-1");
		event.setMessage(message);
		event.setArgumentArray(arguments);
		event.setInstant(Instant.parse("2026-12-02T10:15:30.123456789Z"));
		return event;
	}

}
