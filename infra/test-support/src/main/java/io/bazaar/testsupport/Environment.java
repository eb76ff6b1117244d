package io.bazaar.testsupport;

/**
 * Reads test settings from environment variables, falling back to system properties of
 * the same name and then to a default.
 */
public final class Environment {

	private Environment() {
	}

	public static String get(String name, String fallback) {
		String value = System.getenv(name);
		if (value == null || value.isBlank()) {
			value = System.getProperty(name);
		}
		return (value == null || value.isBlank()) ? fallback : value;
	}

	public static int getInt(String name, int fallback) {
		return Integer.parseInt(get(name, Integer.toString(fallback)));
	}

}
