package io.bazaar.baregateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BareGatewayIntegrationTest {

	private static final String PRODUCT = "{\"id\":\"x\",\"name\":\"Teapot\"}";

	private static final HttpServer upstream = startUpstream();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstreamUri(DynamicPropertyRegistry registry) {
		registry.add("UPSTREAM_URI", () -> "http://127.0.0.1:" + upstream.getAddress().getPort());
	}

	@AfterAll
	static void stopUpstream() {
		upstream.stop(0);
	}

	@Test
	void proxiesProductReadsToTheUpstream() throws Exception {
		HttpResponse<String> response = get("/api/products/x");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body()).isEqualTo(PRODUCT);
	}

	@Test
	void routesNothingElse() throws Exception {
		assertThat(get("/api/orders/x").statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpServer startUpstream() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", BareGatewayIntegrationTest::answer);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(HttpExchange exchange) throws IOException {
		byte[] body = PRODUCT.getBytes(StandardCharsets.UTF_8);
		boolean product = exchange.getRequestURI().getPath().equals("/api/products/x");
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(product ? 200 : 500, product ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			if (product) {
				out.write(body);
			}
		}
	}

}
