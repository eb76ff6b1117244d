package io.bazaar.testsupport.consul;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls to a Consul agent's HTTP API, real or double, as tests make them. */
final class ConsulHttp {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ConsulHttp() {
	}

	static URI uri(ConsulAgent agent, String path) {
		return URI.create("http://" + agent.host() + ":" + agent.port() + path);
	}

	static JsonNode get(ConsulAgent agent, String path) {
		return json
			.readTree(send(HttpRequest.newBuilder(uri(agent, path)).timeout(Duration.ofSeconds(10)).GET().build()));
	}

	static String send(HttpRequest request) {
		try {
			return http.send(request, BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Consul agent did not answer " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted calling " + request.uri(), ex);
		}
	}

}
