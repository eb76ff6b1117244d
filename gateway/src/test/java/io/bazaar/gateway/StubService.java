package io.bazaar.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for one instance of a service behind the gateway. It
 * records what reached it, answers 200 with its name and port, and can be told to fail
 * with 503 (with or without {@code Retry-After}), to answer slowly (any path containing
 * {@code /slow}, or every path), to publish a JWKS document, or to stop and start again
 * on the same port.
 */
final class StubService implements AutoCloseable {

	private static final Duration SLOW_ANSWER = Duration.ofSeconds(3);

	private final String name;

	private final int port;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger hits = new AtomicInteger();

	private volatile boolean failing;

	private volatile boolean busy;

	private volatile boolean slow;

	private volatile String jwks;

	private HttpServer server;

	private StubService(String name, int port) {
		this.name = name;
		this.port = port;
	}

	static StubService start(String name) {
		StubService stub = new StubService(name, freePort());
		stub.listen();
		return stub;
	}

	private void listen() {
		try {
			HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 0);
			created.createContext("/", this::handle);
			created.setExecutor(Executors.newCachedThreadPool());
			created.start();
			this.server = created;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not listen on port " + this.port, ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + this.port;
	}

	int port() {
		return this.port;
	}

	int hits() {
		return this.hits.get();
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	Request lastRequest() {
		return this.requests.get(this.requests.size() - 1);
	}

	void failing(boolean failing) {
		this.failing = failing;
	}

	/** Answers 503 with {@code Retry-After}, as a service shedding load does. */
	void busy(boolean busy) {
		this.busy = busy;
	}

	/** Answers every path slowly. */
	void slow(boolean slow) {
		this.slow = slow;
	}

	void publishJwks(String jwks) {
		this.jwks = jwks;
	}

	void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	void restart() {
		stop();
		listen();
	}

	@Override
	public void close() {
		stop();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			Map<String, String> headers = new TreeMap<>();
			exchange.getRequestHeaders()
				.forEach((header, values) -> headers.put(header.toLowerCase(Locale.ROOT), String.join(",", values)));
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.requests.add(new Request(exchange.getRequestMethod(), path, headers, body.length));
			this.hits.incrementAndGet();
			if (path.equals("/.well-known/jwks.json") && this.jwks != null) {
				respond(exchange, 200, "application/json", this.jwks);
			}
			else if (this.failing) {
				respond(exchange, 503, "application/json", "{\"stub\":\"failing\"}");
			}
			else if (this.busy) {
				exchange.getResponseHeaders().set("Retry-After", "7");
				respond(exchange, 503, "application/problem+json", "{\"status\":503}");
			}
			else {
				if (this.slow || path.contains("/slow") || "slow".equals(exchange.getRequestURI().getQuery())) {
					sleep(SLOW_ANSWER);
				}
				respond(exchange, 200, "application/json",
						"{\"service\":\"" + this.name + "\",\"port\":" + this.port + ",\"path\":\"" + path + "\"}");
			}
		}
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What reached the stub: header names lower-cased. */
	record Request(String method, String path, Map<String, String> headers, int bodyLength) {

	}

}
