package io.bazaar.testsupport;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An actuator health response, read as JSON.
 *
 * @param status the overall status
 * @param components the status of each top-level component, by name
 */
public record HealthReport(String status, Map<String, String> components) {

	private static final JsonMapper json = JsonMapper.builder().build();

	public static HealthReport parse(String body) {
		JsonNode root = json.readTree(body);
		Map<String, String> components = new TreeMap<>();
		root.path("components")
			.properties()
			.forEach((component) -> components.put(component.getKey(), component.getValue().path("status").asString()));
		return new HealthReport(root.path("status").asString(), components);
	}

}
