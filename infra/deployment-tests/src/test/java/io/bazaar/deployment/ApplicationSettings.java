package io.bazaar.deployment;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's {@code application.yml} expects from its environment.
 *
 * @param service the service (Maven module) name
 * @param required environment variables the service cannot run without in a deployment:
 * those with no default, and those whose default points at localhost (right on a
 * developer machine, wrong in a container)
 * @param port the HTTP port the service listens on unless {@code PORT} says otherwise
 */
public record ApplicationSettings(String service, Set<String> required, int port) {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

	private static final Pattern PORT = Pattern.compile("\\$\\{PORT:(\\d+)}");

	public static ApplicationSettings of(String service) {
		return parse(service, Repository.read(service + "/src/main/resources/application.yml"));
	}

	static ApplicationSettings parse(String service, String applicationYaml) {
		Set<String> required = new LinkedHashSet<>();
		Matcher placeholders = PLACEHOLDER.matcher(applicationYaml);
		while (placeholders.find()) {
			String defaultValue = placeholders.group(2);
			if (defaultValue == null || defaultValue.contains("localhost")) {
				required.add(placeholders.group(1));
			}
		}
		Matcher port = PORT.matcher(applicationYaml);
		if (!port.find()) {
			throw new IllegalStateException(service + "'s application.yml has no server.port of the form ${PORT:<n>}");
		}
		return new ApplicationSettings(service, Set.copyOf(required), Integer.parseInt(port.group(1)));
	}

}
