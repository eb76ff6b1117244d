package io.bazaar.testsupport.consul;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.testcontainers.consul.ConsulContainer;
import tools.jackson.databind.JsonNode;

/** A real Consul agent in a Testcontainers container; needs a Docker engine. */
public final class ConsulContainerAgent implements ConsulAgent {

	private static final String IMAGE = "hashicorp/consul:1.20";

	private static final int HTTP_PORT = 8500;

	private final ConsulContainer container;

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
		ConsulHttp.send(HttpRequest.newBuilder(ConsulHttp.uri(this, "/v1/kv/" + key))
			.PUT(BodyPublishers.ofString(value))
			.build());
	}

	@Override
	public void close() {
		this.container.stop();
	}

	private JsonNode get(String path) {
		return ConsulHttp.get(this, path);
	}

}
