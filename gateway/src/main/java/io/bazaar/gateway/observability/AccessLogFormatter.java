package io.bazaar.gateway.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;

import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;

/**
 * Writes an {@link AccessLogEntry} as the same ECS JSON line the console's {@code ecs}
 * format writes for every other logger (same fields, same nesting), straight into one
 * buffer. Spring Boot's general formatter, which walks its member tree for every event,
 * cost the gateway more CPU per request than its security chain (RESULTS.md, run 11).
 * Events that carry no entry are written with their message alone.
 */
public class AccessLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

	private static final String ECS_VERSION = "8.11";

	private final String process;

	private final String service;

	public AccessLogFormatter(Environment environment) {
		this.process = "\"process\":{\"pid\":" + ProcessHandle.current().pid() + ",\"thread\":{\"name\":";
		this.service = service(ElasticCommonSchemaProperties.get(environment).service());
	}

	@Override
	public String format(ILoggingEvent event) {
		AccessLogEntry entry = entryOf(event);
		StringBuilder line = new StringBuilder(640);
		line.append("{\"@timestamp\":\"").append(event.getInstant()).append("\",\"log\":{\"level\":");
		string(line, event.getLevel().toString()).append(",\"logger\":");
		string(line, event.getLoggerName()).append("},").append(this.process);
		string(line, event.getThreadName()).append("}},").append(this.service).append(",\"message\":");
		string(line, event.getFormattedMessage());
		if (entry != null) {
			members(line, entry);
		}
		return line.append(",\"ecs\":{\"version\":\"").append(ECS_VERSION).append("\"}}\n").toString();
	}

	private static void members(StringBuilder line, AccessLogEntry entry) {
		if (entry.traceId() != null) {
			string(line.append(",\"traceId\":"), entry.traceId());
			string(line.append(",\"spanId\":"), entry.spanId());
		}
		string(line.append(",\"http\":{\"request\":{\"method\":"), entry.method());
		if (entry.requestId() != null) {
			string(line.append(",\"id\":"), entry.requestId());
		}
		line.append("},\"response\":{\"status_code\":").append(entry.status()).append("}}");
		string(line.append(",\"url\":{\"path\":"), entry.path()).append('}');
		line.append(",\"event\":{\"duration_ms\":").append(entry.durationMs()).append('}');
		string(line.append(",\"client\":{\"address\":"), entry.clientAddress()).append('}');
	}

	private static AccessLogEntry entryOf(ILoggingEvent event) {
		Object[] arguments = event.getArgumentArray();
		return (arguments != null && arguments.length == 1 && arguments[0] instanceof AccessLogEntry entry) ? entry
				: null;
	}

	private static String service(ElasticCommonSchemaProperties.Service service) {
		StringBuilder json = new StringBuilder("\"service\":{");
		int start = json.length();
		member(json, start, "name", service.name());
		member(json, start, "version", service.version());
		member(json, start, "environment", service.environment());
		if (service.nodeName() != null) {
			string(json.append((json.length() > start) ? "," : "").append("\"node\":{\"name\":"), service.nodeName())
				.append('}');
		}
		return json.append('}').toString();
	}

	private static void member(StringBuilder json, int start, String name, String value) {
		if (value != null) {
			string(json.append((json.length() > start) ? "," : "").append('"').append(name).append("\":"), value);
		}
	}

	/** Appends {@code value} as a JSON string, escaped as RFC 8259 requires. */
	static StringBuilder string(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"');
	}

}
