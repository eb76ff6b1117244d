package io.bazaar.testsupport.spring;

import io.bazaar.testsupport.ServiceInfrastructure;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.util.ClassUtils;

/**
 * Connects the application context under test to fresh infrastructure. The provisioned
 * {@link ServiceInfrastructure} is registered as a bean so tests can reach the same
 * database and Redis directly.
 */
public class ServiceInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * A test's own {@code properties} win over the provisioned connections, so it can
	 * point elsewhere.
	 */
	private static final String INLINED_TEST_PROPERTIES = "Inlined Test Properties";

	private static final String JDBC_AUTO_CONFIGURATION = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String serviceName = context.getEnvironment().getProperty("spring.application.name", "service");
		boolean withDatabase = ClassUtils.isPresent(JDBC_AUTO_CONFIGURATION, context.getClassLoader());
		ServiceInfrastructure infrastructure = ServiceInfrastructure.forService(serviceName, withDatabase);
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		MapPropertySource connections = new MapPropertySource("serviceInfrastructure", infrastructure.properties());
		if (sources.contains(INLINED_TEST_PROPERTIES)) {
			sources.addAfter(INLINED_TEST_PROPERTIES, connections);
		}
		else {
			sources.addFirst(connections);
		}
		context.getBeanFactory().registerSingleton("serviceInfrastructure", infrastructure);
	}

}
