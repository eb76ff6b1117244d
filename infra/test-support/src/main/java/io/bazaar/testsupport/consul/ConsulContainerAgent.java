package io.bazaar.testsupport.consul;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.testcontainers.consul.ConsulContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real Consul agent in a Testcontainers container; needs a Docker engine. */
public final class ConsulContainerAgent implements ConsulAgent {

	private static final String IMAGE = "hashicorp/consul:1.20";

	private static final int HTTP_PORT = 8500;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ConsulContainer container;

	private final HttpClient http = HttpClient.newHttpClient();

	private ConsulContainerAgent(ConsulContainer container) {
		this.container = container;
	}

	@SuppressWarnings("resource") // closed with the agent
	public static ConsulContainerAgent start() {
		ConsulContainer container = new ConsulContainer(IMAGE);
		container.start();
		return new ConsulContainerAgent(container);
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int port() {
		return this.container.getMappedPort(HTTP_PORT);
	}

	@Override
	public List<ConsulRegistration> registrations() {
		JsonNode services = get("/v1/agent/services");
		JsonNode checks = get("/v1/agent/checks");
		List<ConsulRegistration> registrations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> service : services.properties()) {
			JsonNode check = checks.valueStream()
				.filter((candidate) -> service.getKey().equals(candidate.path("ServiceID").asString()))
				.map((candidate) -> candidate.path("Definition"))
				.findFirst()
				.orElse(null);
			registrations.add(ConsulRegistration.from(service.getValue(), check));
		}
		return registrations;
	}

	@Override
	public void putKeyValue(String key, String value) {
		send(HttpRequest.newBuilder(uri("/v1/kv/" + key)).PUT(BodyPublishers.ofString(value)).build());
	}

	@Override
	public void close() {
		this.container.stop();
	}

	private JsonNode get(String path) {
		return json.readTree(send(HttpRequest.newBuilder(uri(path)).GET().build()));
	}

	private String send(HttpRequest request) {
		try {
			return this.http.send(request, BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Consul agent did not answer " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted calling " + request.uri(), ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://" + host() + ":" + port() + path);
	}

}
