package io.bazaar.testsupport.consul;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A service instance as registered with a Consul agent.
 *
 * @param id the instance id
 * @param name the service name
 * @param address the address other services call
 * @param port the port other services call
 * @param tags the tags
 * @param meta the metadata
 * @param check the HTTP health check the agent runs
 */
public record ConsulRegistration(String id, String name, String address, int port, List<String> tags,
		Map<String, String> meta, HealthCheck check) {

	/**
	 * @param http the URL the agent probes
	 * @param interval how often it probes
	 * @param deregisterCriticalServiceAfter how long a failing instance stays registered
	 */
	public record HealthCheck(String http, String interval, String deregisterCriticalServiceAfter) {

		static HealthCheck from(JsonNode check) {
			if (check == null || check.isNull() || check.isMissingNode()) {
				return null;
			}
			return new HealthCheck(text(check, "HTTP"), text(check, "Interval"),
					text(check, "DeregisterCriticalServiceAfter"));
		}

	}

	/**
	 * Reads the agent API's service representation ({@code ID}/{@code Name} or
	 * {@code Service}).
	 */
	static ConsulRegistration from(JsonNode service, JsonNode check) {
		String name = service.has("Name") ? text(service, "Name") : text(service, "Service");
		List<String> tags = service.path("Tags").valueStream().map(JsonNode::asString).toList();
		Map<String, String> meta = new java.util.LinkedHashMap<>();
		service.path("Meta").properties().forEach((entry) -> meta.put(entry.getKey(), entry.getValue().asString()));
		return new ConsulRegistration(text(service, "ID"), name, text(service, "Address"), service.path("Port").asInt(),
				tags, meta, HealthCheck.from(check));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
