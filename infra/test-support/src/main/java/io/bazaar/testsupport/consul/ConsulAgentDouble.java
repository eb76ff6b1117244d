package io.bazaar.testsupport.consul;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test double of the Consul agent's HTTP API, for machines where no Consul can run. It
 * answers the calls Spring Cloud Consul makes (service registration and deregistration,
 * catalog and health queries, key/value reads and the status endpoints) from memory, and
 * records every request so tests can see exactly what a service sent. It does not run
 * health checks, elect leaders or replicate; the Testcontainers-based
 * {@link ConsulContainerAgent} covers a real agent where Docker is available.
 */
public final class ConsulAgentDouble implements ConsulAgent {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<String, JsonNode> services = new ConcurrentHashMap<>();

	private final Map<String, String> keyValues = new ConcurrentSkipListMap<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final AtomicLong index = new AtomicLong(1);

	private ConsulAgentDouble(HttpServer server) {
		this.server = server;
	}

	/** Starts the double on a free loopback port. */
	public static ConsulAgentDouble start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			ConsulAgentDouble agent = new ConsulAgentDouble(server);
			server.createContext("/", agent::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
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
			.map((service) -> ConsulRegistration.from(service, service.get("Check")))
			.toList();
	}

	@Override
	public void putKeyValue(String key, String value) {
		this.keyValues.put(key, value);
		this.index.incrementAndGet();
	}

	/** Every request received, as {@code METHOD path}, oldest first. */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			String method = exchange.getRequestMethod();
			String path = uri.getPath();
			this.requests.add(method + " " + path);
			exchange.getResponseHeaders().add("X-Consul-Index", Long.toString(this.index.get()));
			if (method.equals("PUT") && path.equals("/v1/agent/service/register")) {
				register(readBody(exchange.getRequestBody()));
				respond(exchange, 200, "");
			}
			else if (method.equals("PUT") && path.startsWith("/v1/agent/service/deregister/")) {
				this.services.remove(path.substring("/v1/agent/service/deregister/".length()));
				this.index.incrementAndGet();
				respond(exchange, 200, "");
			}
			else if (method.equals("PUT") && path.startsWith("/v1/agent/check/")) {
				respond(exchange, 200, "");
			}
			else if (path.equals("/v1/status/leader")) {
				respond(exchange, 200, "\"127.0.0.1:8300\"");
			}
			else if (path.equals("/v1/agent/services")) {
				respond(exchange, 200, json.writeValueAsString(this.services));
			}
			else if (path.equals("/v1/catalog/services")) {
				respond(exchange, 200, json.writeValueAsString(catalog()));
			}
			else if (path.startsWith("/v1/health/service/")) {
				respond(exchange, 200,
						json.writeValueAsString(healthOf(path.substring("/v1/health/service/".length()))));
			}
			else if (method.equals("GET") && path.startsWith("/v1/kv/")) {
				readKeyValues(exchange, path.substring("/v1/kv/".length()), uri.getQuery());
			}
			else {
				respond(exchange, 404, "");
			}
		}
	}

	private void register(String body) {
		JsonNode service = json.readTree(body);
		this.services.put(service.get("ID").asString(), service);
		this.index.incrementAndGet();
	}

	private Map<String, List<String>> catalog() {
		Map<String, List<String>> catalog = new ConcurrentSkipListMap<>();
		this.services.values()
			.forEach((service) -> catalog.put(service.get("Name").asString(),
					service.path("Tags").valueStream().map(JsonNode::asString).toList()));
		return catalog;
	}

	private List<Map<String, Object>> healthOf(String serviceName) {
		List<Map<String, Object>> healthy = new ArrayList<>();
		for (JsonNode service : this.services.values()) {
			if (service.get("Name").asString().equals(serviceName)) {
				Map<String, Object> agentView = Map.of("ID", service.get("ID").asString(), "Service", serviceName,
						"Address", service.path("Address").asString(), "Port", service.path("Port").asInt(), "Tags",
						service.path("Tags"), "Meta", service.path("Meta"));
				healthy.add(Map.of("Node", Map.of("Node", "consul-agent-double", "Address", "127.0.0.1"), "Service",
						agentView, "Checks", List.of(Map.of("Status", "passing"))));
			}
		}
		return healthy;
	}

	private void readKeyValues(HttpExchange exchange, String prefix, String query) throws IOException {
		boolean recurse = query != null && query.contains("recurse");
		List<Map<String, Object>> entries = new ArrayList<>();
		this.keyValues.forEach((key, value) -> {
			if (recurse ? key.startsWith(prefix) : key.equals(prefix)) {
				entries.add(Map.of("Key", key, "Value",
						Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)), "Flags", 0,
						"CreateIndex", 1, "ModifyIndex", this.index.get(), "LockIndex", 0));
			}
		});
		if (entries.isEmpty()) {
			respond(exchange, 404, "");
		}
		else {
			respond(exchange, 200, json.writeValueAsString(entries));
		}
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

}
