package io.bazaar.testsupport.consul;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * One health check of a service registered with the {@link ConsulAgentDouble}, with the
 * status the double last found: an HTTP check it probes itself, or a TTL check the
 * service reports on. Statuses follow Consul's rules: a 2xx answer passes, 429 warns,
 * anything else, a refused connection or no answer within the timeout is critical; a TTL
 * check is critical when no report came within its TTL.
 */
final class AgentCheck {

	static final String PASSING = "passing";

	static final String WARNING = "warning";

	static final String CRITICAL = "critical";

	/** Consul's default timeout of an HTTP check. */
	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/** Consul keeps at most this much of a check's output. */
	private static final int MAX_OUTPUT = 4096;

	private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

	private final String checkId;

	private final String serviceId;

	private final String serviceName;

	private final JsonNode definition;

	private final Duration interval;

	private final Duration timeout;

	private final Duration ttl;

	private final Duration deregisterCriticalAfter;

	private String status;

	private String output = "";

	private Instant criticalSince;

	private Instant ttlExpiresAt;

	AgentCheck(String checkId, String serviceId, String serviceName, JsonNode definition, Instant now) {
		this.checkId = checkId;
		this.serviceId = serviceId;
		this.serviceName = serviceName;
		this.definition = definition;
		this.interval = duration(text(definition, "Interval"));
		Duration timeout = duration(text(definition, "Timeout"));
		this.timeout = (timeout != null) ? timeout : DEFAULT_TIMEOUT;
		this.ttl = duration(text(definition, "TTL"));
		this.deregisterCriticalAfter = duration(text(definition, "DeregisterCriticalServiceAfter"));
		String initial = text(definition, "Status");
		this.status = (initial != null) ? initial : CRITICAL;
		this.criticalSince = CRITICAL.equals(this.status) ? now : null;
		this.ttlExpiresAt = (this.ttl != null) ? now.plus(this.ttl) : null;
	}

	String checkId() {
		return this.checkId;
	}

	String serviceId() {
		return this.serviceId;
	}

	/** Whether the double probes this check itself, at {@link #interval()}. */
	boolean isHttp() {
		return text(this.definition, "HTTP") != null && this.interval != null;
	}

	boolean isTtl() {
		return this.ttl != null;
	}

	Duration interval() {
		return this.interval;
	}

	synchronized String status() {
		return this.status;
	}

	/**
	 * Probes the check's URL once, as Consul's HTTP check does.
	 * @return whether the status changed
	 */
	boolean probe(HttpClient http, Instant now) {
		String url = text(this.definition, "HTTP");
		String method = text(this.definition, "Method");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(this.timeout)
			.header("User-Agent", "Consul Health Check")
			.header("Accept", "text/plain, text/*, */*")
			.method((method != null) ? method : "GET", HttpRequest.BodyPublishers.noBody());
		this.definition.path("Header")
			.properties()
			.forEach((header) -> header.getValue()
				.valueStream()
				.forEach((value) -> request.header(header.getKey(), value.asString())));
		CompletableFuture<HttpResponse<String>> call = http.sendAsync(request.build(), BodyHandlers.ofString());
		try {
			HttpResponse<String> response = call.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			int code = response.statusCode();
			String status = (code >= 200 && code < 300) ? PASSING : (code == 429) ? WARNING : CRITICAL;
			return update(status, "HTTP " + request.build().method() + " " + url + ": " + code + " Output: "
					+ truncate(response.body()), now);
		}
		catch (TimeoutException ex) {
			call.cancel(true);
			return update(CRITICAL, "Get \"" + url + "\": context deadline exceeded (Client.Timeout exceeded "
					+ "while awaiting headers)", now);
		}
		catch (ExecutionException ex) {
			return update(CRITICAL, "Get \"" + url + "\": " + ex.getCause(), now);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * A report on a TTL check ({@code PUT /v1/agent/check/pass|warn|fail/<id>}).
	 * @return whether the status changed
	 */
	synchronized boolean report(String status, String note, Instant now) {
		this.ttlExpiresAt = now.plus(this.ttl);
		return update(status, (note != null) ? note : "", now);
	}

	/**
	 * Marks a TTL check critical once its TTL has passed without a report.
	 * @return whether the status changed
	 */
	synchronized boolean expireTtl(Instant now) {
		if (this.ttlExpiresAt != null && now.isAfter(this.ttlExpiresAt)) {
			return update(CRITICAL, "TTL expired", now);
		}
		return false;
	}

	/** Whether the check has been critical for longer than it allows its service. */
	synchronized boolean criticalTooLong(Instant now) {
		return this.deregisterCriticalAfter != null && this.criticalSince != null
				&& now.isAfter(this.criticalSince.plus(this.deregisterCriticalAfter));
	}

	/** The check as Consul lists it in health and agent answers. */
	synchronized Map<String, Object> view(String node, List<String> serviceTags) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("Node", node);
		view.put("CheckID", this.checkId);
		view.put("Name", "Service '" + this.serviceName + "' check");
		view.put("Status", this.status);
		view.put("Notes", "");
		view.put("Output", this.output);
		view.put("ServiceID", this.serviceId);
		view.put("ServiceName", this.serviceName);
		view.put("ServiceTags", serviceTags);
		view.put("Type", isTtl() ? "ttl" : isHttp() ? "http" : "");
		Map<String, Object> definition = new LinkedHashMap<>();
		definition.put("HTTP", text(this.definition, "HTTP"));
		definition.put("Interval", text(this.definition, "Interval"));
		definition.put("Timeout", text(this.definition, "Timeout"));
		definition.put("TTL", text(this.definition, "TTL"));
		definition.put("DeregisterCriticalServiceAfter", text(this.definition, "DeregisterCriticalServiceAfter"));
		view.put("Definition", definition);
		return view;
	}

	private synchronized boolean update(String status, String output, Instant now) {
		this.output = output;
		if (status.equals(this.status)) {
			return false;
		}
		this.status = status;
		this.criticalSince = CRITICAL.equals(status) ? now : null;
		return true;
	}

	private static String truncate(String body) {
		return (body.length() > MAX_OUTPUT) ? body.substring(0, MAX_OUTPUT) : body;
	}

	/**
	 * Reads a duration as Consul writes it (Go's notation: {@code 10s}, {@code 1m30s},
	 * {@code 500ms}); a bare number is nanoseconds.
	 */
	static Duration duration(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (text.chars().allMatch(Character::isDigit)) {
			return Duration.ofNanos(Long.parseLong(text));
		}
		Matcher part = DURATION_PART.matcher(text);
		double nanos = 0;
		int end = 0;
		while (part.find() && part.start() == end) {
			double value = Double.parseDouble(part.group(1));
			nanos += value * switch (part.group(2)) {
				case "ns" -> 1d;
				case "us", "µs" -> 1e3;
				case "ms" -> 1e6;
				case "s" -> 1e9;
				case "m" -> 60e9;
				default -> 3600e9;
			};
			end = part.end();
		}
		if (end != text.length()) {
			throw new IllegalArgumentException("Not a duration: " + text);
		}
		return Duration.ofNanos((long) nanos);
	}

	static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull() || value.isMissingNode()) ? null : value.asString();
	}

}
