package io.bazaar.runtime.diagnostics;

import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Stops start-up when a setting the configuration files require (a placeholder without a
 * default, such as {@code ${CATALOG_DB_PASSWORD}}) was given nowhere. Spring's binder
 * would otherwise pass the placeholder on as a literal value, and the service would start
 * with, say, a password of {@code "${CATALOG_DB_PASSWORD}"}. The check runs when the
 * context refreshes, after every other source of settings has been added.
 */
class RequiredSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.addBeanFactoryPostProcessor((beanFactory) -> verify(context.getEnvironment()));
	}

	/**
	 * Resolves every placeholder in the configuration files strictly; an unresolvable one
	 * throws.
	 */
	static void verify(ConfigurableEnvironment environment) {
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof OriginTrackedMapPropertySource configFile) {
				verify(environment, configFile);
			}
		}
	}

	private static void verify(ConfigurableEnvironment environment, EnumerablePropertySource<?> configFile) {
		for (String name : configFile.getPropertyNames()) {
			Object raw = configFile.getProperty(name);
			if (raw != null && raw.toString().contains("${")) {
				environment.getProperty(name);
			}
		}
	}

}
