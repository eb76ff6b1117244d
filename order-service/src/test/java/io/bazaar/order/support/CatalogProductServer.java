package io.bazaar.order.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for catalog-service's product lookup by ids
 * ({@code GET /api/products?ids=...}): a real HTTP server, registered as
 * {@code catalog-service} in discovery, answering the catalog's page JSON with the
 * products a test added among the ids asked for (unknown ids are left out, as the catalog
 * does), and, on demand, failures or slow answers.
 */
public final class CatalogProductServer implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private volatile HttpServer server;

	private final Map<UUID, Map<String, Object>> products = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private volatile int failWithStatus;

	private volatile Duration delay = Duration.ZERO;

	private CatalogProductServer(HttpServer server) {
		this.server = server;
	}

	public static CatalogProductServer start() {
		CatalogProductServer catalog = new CatalogProductServer(null);
		catalog.server = catalog.listen(0);
		return catalog;
	}

	/**
	 * Stops and starts again on the same port, as a restarted instance does: every
	 * connection a client kept alive to it is closed.
	 */
	public void restart() {
		int port = this.server.getAddress().getPort();
		this.server.stop(0);
		this.server = listen(port);
	}

	private HttpServer listen(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
			server.createContext("/api/products", this::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the catalog server", ex);
		}
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Adds a product priced {@code amount} (a decimal string) in {@code currency}. */
	public UUID add(String name, String amount, String currency) {
		UUID id = UUID.randomUUID();
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("id", id.toString());
		product.put("sku", "SKU-" + id.toString().substring(0, 8).toUpperCase());
		product.put("name", name);
		product.put("description", "A product of the tests");
		product.put("price", Map.of("amount", amount, "currency", currency));
		product.put("attributes", Map.of());
		product.put("imageUrls", List.of());
		product.put("version", 1);
		this.products.put(id, product);
		return id;
	}

	public String skuOf(UUID id) {
		return (String) this.products.get(id).get("sku");
	}

	/** How many lookups the server received. */
	public int requests() {
		return this.requests.get();
	}

	/** Answers every lookup with this status (0: answer normally). */
	public void failWith(int status) {
		this.failWithStatus = status;
	}

	/** Waits this long before answering each lookup. */
	public void delay(Duration delay) {
		this.delay = delay;
	}

	public void behaveNormally() {
		this.failWithStatus = 0;
		this.delay = Duration.ZERO;
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try {
			if (!this.delay.isZero()) {
				Thread.sleep(this.delay.toMillis());
			}
			if (this.failWithStatus != 0) {
				send(exchange, this.failWithStatus, "application/problem+json", Map.of("type",
						"https://bazaar.example/problems/internal-error", "status", this.failWithStatus));
				return;
			}
			List<UUID> ids = requestedIds(exchange.getRequestURI());
			if (!"GET".equals(exchange.getRequestMethod())
					|| !"/api/products".equals(exchange.getRequestURI().getPath()) || ids == null) {
				send(exchange, 400, "application/problem+json", Map.of("type",
						"https://bazaar.example/problems/invalid-input", "title", "Invalid input", "status", 400));
				return;
			}
			List<Map<String, Object>> items = ids.stream().map(this.products::get).filter(Objects::nonNull).toList();
			send(exchange, 200, "application/json", Map.of("items", items, "page", 0, "size", ids.size(),
					"totalElements", items.size(), "totalPages", 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			exchange.close();
		}
	}

	/** The ids of {@code ?ids=a,b}, or null when the query asks for something else. */
	private static List<UUID> requestedIds(URI uri) {
		String query = uri.getQuery();
		if (query == null || !query.startsWith("ids=") || query.contains("&")) {
			return null;
		}
		try {
			return Arrays.stream(query.substring("ids=".length()).split(",")).map(UUID::fromString).toList();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
		byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
