package io.bazaar.deployment.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A docker-compose file read with SnakeYAML (anchors and merge keys resolved), with
 * variables interpolated from their defaults only, so that what is checked is what
 * {@code docker compose up} does on a machine with no overrides set.
 */
public final class ComposeFile {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

	private final Map<String, Object> root;

	private ComposeFile(Map<String, Object> root) {
		this.root = root;
	}

	public static ComposeFile parse(String yaml) {
		Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		if (!(loaded instanceof Map<?, ?> map) || !(map.get("services") instanceof Map<?, ?>)) {
			throw new IllegalArgumentException("Not a compose file: no top-level 'services' mapping");
		}
		return new ComposeFile(cast(map));
	}

	public Map<String, Map<String, Object>> services() {
		Map<String, Map<String, Object>> services = new LinkedHashMap<>();
		cast(this.root.get("services"))
			.forEach((name, definition) -> services.put(name, (definition != null) ? cast(definition) : Map.of()));
		return services;
	}

	public Map<String, Object> service(String name) {
		Map<String, Object> service = services().get(name);
		if (service == null) {
			throw new IllegalArgumentException("No service " + name + " in the compose file");
		}
		return service;
	}

	/** The service's environment with every variable replaced by its default. */
	public Map<String, String> environment(String service) {
		Object environment = service(service).get("environment");
		Map<String, String> resolved = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> map) {
			map.forEach((key, value) -> resolved.put(String.valueOf(key), (value != null) ? interpolate(value) : ""));
		}
		else if (environment instanceof List<?> list) {
			for (Object entry : list) {
				String text = String.valueOf(entry);
				int equals = text.indexOf('=');
				resolved.put((equals < 0) ? text : text.substring(0, equals),
						(equals < 0) ? "" : interpolate(text.substring(equals + 1)));
			}
		}
		return resolved;
	}

	/** The command as a list of arguments, variables replaced by their defaults. */
	public List<String> command(String service) {
		Object command = service(service).get("command");
		List<String> arguments = new ArrayList<>();
		if (command instanceof List<?> list) {
			list.forEach((argument) -> arguments.add(interpolate(argument)));
		}
		else if (command != null) {
			arguments.addAll(List.of(interpolate(command).trim().split("\\s+")));
		}
		return arguments;
	}

	public Optional<Map<String, Object>> healthcheck(String service) {
		Object healthcheck = service(service).get("healthcheck");
		return (healthcheck instanceof Map<?, ?>) ? Optional.of(cast(healthcheck)) : Optional.empty();
	}

	/** Dependency to its condition; the short list form means {@code service_started}. */
	public Map<String, String> dependsOn(String service) {
		Object dependsOn = service(service).get("depends_on");
		Map<String, String> conditions = new LinkedHashMap<>();
		if (dependsOn instanceof List<?> list) {
			list.forEach((dependency) -> conditions.put(String.valueOf(dependency), "service_started"));
		}
		else if (dependsOn instanceof Map<?, ?> map) {
			map.forEach((dependency, options) -> conditions.put(String.valueOf(dependency),
					(options instanceof Map<?, ?> settings && settings.get("condition") != null)
							? String.valueOf(settings.get("condition")) : "service_started"));
		}
		return conditions;
	}

	/** Port mappings, in short-syntax form ({@code [host_ip:]published:target}). */
	public List<String> ports(String service) {
		Object ports = service(service).get("ports");
		List<String> mappings = new ArrayList<>();
		if (ports instanceof List<?> list) {
			for (Object port : list) {
				if (port instanceof Map<?, ?> longSyntax) {
					Object hostIp = longSyntax.get("host_ip");
					mappings.add(((hostIp != null) ? hostIp + ":" : "") + longSyntax.get("published") + ":"
							+ longSyntax.get("target"));
				}
				else {
					mappings.add(interpolate(port));
				}
			}
		}
		return mappings;
	}

	public List<String> profiles(String service) {
		Object profiles = service(service).get("profiles");
		List<String> names = new ArrayList<>();
		if (profiles instanceof List<?> list) {
			list.forEach((profile) -> names.add(String.valueOf(profile)));
		}
		return names;
	}

	public Optional<String> image(String service) {
		return Optional.ofNullable(service(service).get("image")).map(ComposeFile::interpolate);
	}

	public Map<String, Object> build(String service) {
		Object build = service(service).get("build");
		if (build instanceof Map<?, ?>) {
			return cast(build);
		}
		return (build != null) ? Map.of("context", interpolate(build)) : Map.of();
	}

	public Optional<Object> deploy(String service, String key) {
		Object deploy = service(service).get("deploy");
		return (deploy instanceof Map<?, ?> map) ? Optional.ofNullable(map.get(key)) : Optional.empty();
	}

	static String interpolate(Object value) {
		Matcher matcher = VARIABLE.matcher(String.valueOf(value));
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String replacement;
			if (matcher.group().equals("$$")) {
				replacement = "$";
			}
			else {
				replacement = (matcher.group(2) != null) ? matcher.group(2) : "";
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Object map) {
		return (Map<String, Object>) map;
	}

}
