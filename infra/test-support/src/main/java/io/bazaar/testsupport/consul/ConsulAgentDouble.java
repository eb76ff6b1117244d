package io.bazaar.testsupport.consul;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test double of the Consul agent's HTTP API, for machines where no Consul can run. It
 * is not Consul: it answers, from memory, the calls Spring Cloud Consul makes (service
 * registration and deregistration, catalog and health queries with the {@code passing}
 * and {@code tag} filters and blocking {@code index}/{@code wait} queries, TTL check
 * reports, key/value reads, the status endpoints), and records every request so tests can
 * see exactly what a service sent.
 * <p>
 * Like an agent, it runs the health checks services register: it calls each HTTP check's
 * URL every {@code Interval}, allowing it {@code Timeout} (10 s unless set); a 2xx answer
 * passes, 429 warns, anything else, a refused connection or a timeout is critical. A TTL
 * check is critical until reported on, and again once its TTL passes without a report.
 * {@code /v1/health/service/<name>?passing} lists only instances all of whose checks
 * pass, and a service critical for longer than its check's
 * {@code DeregisterCriticalServiceAfter} is deregistered. Where it differs from Consul,
 * for tests' sake: a new HTTP check is run at once rather than within a random part of
 * its interval, {@code DeregisterCriticalServiceAfter} has no one-minute minimum, and
 * critical services are reaped every second rather than every 30 seconds. It elects no
 * leader and replicates nothing; the Testcontainers-based {@link ConsulContainerAgent}
 * covers a real agent where Docker is available.
 */
public final class ConsulAgentDouble implements ConsulAgent {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String NODE = "consul-agent-double";

	/** Consul's default and longest waits of a blocking query. */
	private static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

	private static final Duration MAX_WAIT = Duration.ofMinutes(10);

	private final HttpServer server;

	private final ExecutorService handlers = Executors.newCachedThreadPool(daemon("consul-agent-double-http"));

	private final ScheduledExecutorService checkRunner = Executors.newScheduledThreadPool(8,
			daemon("consul-agent-double-check"));

	private final HttpClient checkClient = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.executor(this.handlers)
		.build();

	private final Map<String, AgentService> services = new ConcurrentHashMap<>();

	private final Map<String, String> keyValues = new ConcurrentSkipListMap<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	/** The Raft index of Consul: raised by every change, which wakes blocking queries. */
	private final Object changes = new Object();

	private long index = 1;

	private boolean closed;

	private ConsulAgentDouble() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
	}

	/** Starts the double on a free loopback port. */
	public static ConsulAgentDouble start() {
		try {
			ConsulAgentDouble agent = new ConsulAgentDouble();
			agent.server.createContext("/", agent::handle);
			agent.server.setExecutor(agent.handlers);
			agent.server.start();
			agent.checkRunner.scheduleWithFixedDelay(agent::reap, 1, 1, TimeUnit.SECONDS);
			return agent;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the Consul agent double", ex);
		}
	}

	@Override
	public String host() {
		return "127.0.0.1";
	}

	@Override
	public int port() {
		return this.server.getAddress().getPort();
	}

	@Override
	public List<ConsulRegistration> registrations() {
		return this.services.values()
			.stream()
			.map((service) -> ConsulRegistration.from(service.definition(), service.definition().get("Check")))
			.toList();
	}

	@Override
	public void putKeyValue(String key, String value) {
		this.keyValues.put(key, value);
		changed();
	}

	/** Every request received, as {@code METHOD path}, oldest first. */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		synchronized (this.changes) {
			this.closed = true;
			this.changes.notifyAll();
		}
		this.checkRunner.shutdownNow();
		this.server.stop(0);
		this.handlers.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			String method = exchange.getRequestMethod();
			String path = uri.getPath();
			Map<String, List<String>> query = query(uri.getRawQuery());
			this.requests.add(method + " " + path);
			if (method.equals("GET") && query.containsKey("index")) {
				awaitChangeAfter(Long.parseUnsignedLong(first(query, "index")), query);
			}
			exchange.getResponseHeaders().add("X-Consul-Index", Long.toString(currentIndex()));
			if (method.equals("PUT") && path.equals("/v1/agent/service/register")) {
				register(json.readTree(readBody(exchange.getRequestBody())));
				respond(exchange, 200, "");
			}
			else if (method.equals("PUT") && path.startsWith("/v1/agent/service/deregister/")) {
				deregister(path.substring("/v1/agent/service/deregister/".length()));
				respond(exchange, 200, "");
			}
			else if (method.equals("PUT") && path.startsWith("/v1/agent/check/")) {
				reportOnCheck(exchange, path.substring("/v1/agent/check/".length()), first(query, "note"));
			}
			else if (path.equals("/v1/status/leader")) {
				respond(exchange, 200, "\"127.0.0.1:8300\"");
			}
			else if (path.equals("/v1/agent/services")) {
				Map<String, Object> services = new ConcurrentSkipListMap<>();
				this.services.forEach((id, service) -> services.put(id, service.view()));
				respond(exchange, 200, json.writeValueAsString(services));
			}
			else if (path.equals("/v1/agent/checks")) {
				Map<String, Object> checks = new ConcurrentSkipListMap<>();
				this.services.values()
					.forEach((service) -> service.checks()
						.forEach((check) -> checks.put(check.checkId(), check.view(NODE, service.tags()))));
				respond(exchange, 200, json.writeValueAsString(checks));
			}
			else if (path.equals("/v1/catalog/services")) {
				respond(exchange, 200, json.writeValueAsString(catalog()));
			}
			else if (path.startsWith("/v1/health/service/")) {
				String name = path.substring("/v1/health/service/".length());
				respond(exchange, 200, json.writeValueAsString(
						healthOf(name, isTrue(query, "passing"), query.getOrDefault("tag", List.of()))));
			}
			else if (path.startsWith("/v1/health/checks/")) {
				String name = path.substring("/v1/health/checks/".length());
				respond(exchange, 200, json.writeValueAsString(this.services.values()
					.stream()
					.filter((service) -> service.name().equals(name))
					.flatMap((service) -> service.checks().stream().map((check) -> check.view(NODE, service.tags())))
					.toList()));
			}
			else if (method.equals("GET") && path.startsWith("/v1/kv/")) {
				readKeyValues(exchange, path.substring("/v1/kv/".length()), query.containsKey("recurse"));
			}
			else {
				respond(exchange, 404, "");
			}
		}
	}

	private void register(JsonNode definition) {
		String id = definition.get("ID").asString();
		String name = definition.get("Name").asString();
		List<JsonNode> checkDefinitions = new ArrayList<>();
		if (definition.hasNonNull("Check")) {
			checkDefinitions.add(definition.get("Check"));
		}
		definition.path("Checks").forEach(checkDefinitions::add);
		Instant now = Instant.now();
		List<AgentCheck> checks = new ArrayList<>();
		for (int i = 0; i < checkDefinitions.size(); i++) {
			JsonNode check = checkDefinitions.get(i);
			String checkId = AgentCheck.text(check, "CheckID");
			if (checkId == null) {
				checkId = "service:" + id + ((checkDefinitions.size() > 1) ? ":" + (i + 1) : "");
			}
			checks.add(new AgentCheck(checkId, id, name, check, now));
		}
		List<ScheduledFuture<?>> runs = new ArrayList<>();
		for (AgentCheck check : checks) {
			if (check.isHttp()) {
				runs.add(this.checkRunner.scheduleAtFixedRate(() -> probe(check), 0, check.interval().toNanos(),
						TimeUnit.NANOSECONDS));
			}
		}
		AgentService replaced = this.services.put(id, new AgentService(definition, checks, List.copyOf(runs)));
		if (replaced != null) {
			replaced.stopChecks();
		}
		changed();
	}

	private void deregister(String id) {
		AgentService removed = this.services.remove(id);
		if (removed != null) {
			removed.stopChecks();
		}
		changed();
	}

	private void probe(AgentCheck check) {
		if (check.probe(this.checkClient, Instant.now())) {
			changed();
		}
	}

	/** Expires TTL checks and deregisters services that have been critical too long. */
	private void reap() {
		Instant now = Instant.now();
		for (AgentService service : this.services.values()) {
			for (AgentCheck check : service.checks()) {
				if (check.isTtl() && check.expireTtl(now)) {
					changed();
				}
			}
			if (service.checks().stream().anyMatch((check) -> check.criticalTooLong(now))) {
				deregister(service.id());
			}
		}
	}

	private void reportOnCheck(HttpExchange exchange, String command, String note) throws IOException {
		int slash = command.indexOf('/');
		String status = switch ((slash < 0) ? command : command.substring(0, slash)) {
			case "pass" -> AgentCheck.PASSING;
			case "warn" -> AgentCheck.WARNING;
			case "fail" -> AgentCheck.CRITICAL;
			default -> null;
		};
		String checkId = (slash < 0) ? "" : command.substring(slash + 1);
		AgentCheck check = this.services.values()
			.stream()
			.flatMap((service) -> service.checks().stream())
			.filter((candidate) -> candidate.checkId().equals(checkId))
			.findFirst()
			.orElse(null);
		if (status == null) {
			respond(exchange, 404, "");
		}
		else if (check == null) {
			respond(exchange, 404, "Unknown check ID \"" + checkId + "\"");
		}
		else if (!check.isTtl()) {
			respond(exchange, 500, "CheckID \"" + checkId + "\" does not have associated TTL");
		}
		else {
			if (check.report(status, note, Instant.now())) {
				changed();
			}
			respond(exchange, 200, "");
		}
	}

	private Map<String, List<String>> catalog() {
		Map<String, List<String>> catalog = new ConcurrentSkipListMap<>();
		this.services.values().forEach((service) -> catalog.put(service.name(), service.tags()));
		return catalog;
	}

	private List<Map<String, Object>> healthOf(String serviceName, boolean passingOnly, List<String> tags) {
		List<Map<String, Object>> entries = new ArrayList<>();
		for (AgentService service : this.services.values()) {
			if (!service.name().equals(serviceName) || !service.tags().containsAll(tags)) {
				continue;
			}
			List<Map<String, Object>> checks = new ArrayList<>();
			checks.add(nodeCheck());
			service.checks().forEach((check) -> checks.add(check.view(NODE, service.tags())));
			if (passingOnly && !checks.stream().allMatch((check) -> AgentCheck.PASSING.equals(check.get("Status")))) {
				continue;
			}
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("Node",
					Map.of("ID", "00000000-0000-0000-0000-000000000001", "Node", NODE, "Address", "127.0.0.1",
							"Datacenter", "dc1", "TaggedAddresses", Map.of("lan", "127.0.0.1", "wan", "127.0.0.1"),
							"Meta", Map.of()));
			entry.put("Service", service.view());
			entry.put("Checks", checks);
			entries.add(entry);
		}
		return entries;
	}

	/** The agent's own check of its node, which Consul lists with every service. */
	private static Map<String, Object> nodeCheck() {
		Map<String, Object> check = new LinkedHashMap<>();
		check.put("Node", NODE);
		check.put("CheckID", "serfHealth");
		check.put("Name", "Serf Health Status");
		check.put("Status", AgentCheck.PASSING);
		check.put("Notes", "");
		check.put("Output", "Agent alive and reachable");
		check.put("ServiceID", "");
		check.put("ServiceName", "");
		check.put("ServiceTags", List.of());
		check.put("Type", "");
		return check;
	}

	private void readKeyValues(HttpExchange exchange, String prefix, boolean recurse) throws IOException {
		List<Map<String, Object>> entries = new ArrayList<>();
		long modifyIndex = currentIndex();
		this.keyValues.forEach((key, value) -> {
			if (recurse ? key.startsWith(prefix) : key.equals(prefix)) {
				entries.add(Map.of("Key", key, "Value",
						Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)), "Flags", 0,
						"CreateIndex", 1, "ModifyIndex", modifyIndex, "LockIndex", 0));
			}
		});
		if (entries.isEmpty()) {
			respond(exchange, 404, "");
		}
		else {
			respond(exchange, 200, json.writeValueAsString(entries));
		}
	}

	/**
	 * A blocking query: answers once the index has moved past the one the client last
	 * saw, or when its wait is over.
	 */
	private void awaitChangeAfter(long seen, Map<String, List<String>> query) {
		Duration wait = query.containsKey("wait") ? AgentCheck.duration(first(query, "wait")) : DEFAULT_WAIT;
		long deadline = System.nanoTime() + ((wait.compareTo(MAX_WAIT) > 0) ? MAX_WAIT : wait).toNanos();
		synchronized (this.changes) {
			long remaining;
			while (this.index <= seen && !this.closed && (remaining = deadline - System.nanoTime()) > 0) {
				try {
					TimeUnit.NANOSECONDS.timedWait(this.changes, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void changed() {
		synchronized (this.changes) {
			this.index++;
			this.changes.notifyAll();
		}
	}

	private long currentIndex() {
		synchronized (this.changes) {
			return this.index;
		}
	}

	private static Map<String, List<String>> query(String rawQuery) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String key = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			query.computeIfAbsent(key, (name) -> new ArrayList<>()).add(value);
		}
		return query;
	}

	private static String first(Map<String, List<String>> query, String key) {
		List<String> values = query.get(key);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/** As Consul reads a flag: present without a value, or any of Go's true spellings. */
	private static boolean isTrue(Map<String, List<String>> query, String key) {
		String value = first(query, key);
		return value != null && List.of("", "1", "t", "T", "true", "TRUE", "True").contains(value);
	}

	private static String readBody(InputStream body) throws IOException {
		return new String(body.readAllBytes(), StandardCharsets.UTF_8);
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * A registered service instance: what it sent, its checks and the double's scheduled
	 * runs of them.
	 */
	private record AgentService(JsonNode definition, List<AgentCheck> checks, List<ScheduledFuture<?>> runs) {

		String id() {
			return definition.get("ID").asString();
		}

		String name() {
			return definition.get("Name").asString();
		}

		List<String> tags() {
			return definition.path("Tags").valueStream().map(JsonNode::asString).toList();
		}

		/** The service as the agent and health APIs list it. */
		Map<String, Object> view() {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("ID", id());
			view.put("Service", name());
			view.put("Tags", tags());
			view.put("Address", definition.path("Address").asString(""));
			view.put("Meta", definition.path("Meta"));
			view.put("Port", definition.path("Port").asInt());
			view.put("Weights", Map.of("Passing", 1, "Warning", 1));
			view.put("EnableTagOverride", definition.path("EnableTagOverride").asBoolean(false));
			return view;
		}

		void stopChecks() {
			runs.forEach((run) -> run.cancel(true));
		}

	}

}
