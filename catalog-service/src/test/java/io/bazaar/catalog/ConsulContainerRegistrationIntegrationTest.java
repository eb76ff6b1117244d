package io.bazaar.catalog;

import io.bazaar.testsupport.consul.ConsulContainerAgent;
import io.bazaar.testsupport.consul.ConsulRegistrationContract;
import io.bazaar.testsupport.docker.RequiresDocker;

/** Registration checked against a real Consul agent. */
@RequiresDocker("registration against a real Consul agent (Testcontainers)")
class ConsulContainerRegistrationIntegrationTest extends ConsulRegistrationContract {

	ConsulContainerRegistrationIntegrationTest() {
		super(CatalogServiceApplication.class, "catalog-service", true, ConsulContainerAgent::start);
	}

}
