package io.bazaar.catalog;

import io.bazaar.testsupport.consul.ConsulAgentDouble;
import io.bazaar.testsupport.consul.ConsulRegistrationContract;

/** Registration checked against the HTTP-level double of the Consul agent. */
class ConsulRegistrationIntegrationTest extends ConsulRegistrationContract {

	ConsulRegistrationIntegrationTest() {
		super(CatalogServiceApplication.class, "catalog-service", true, ConsulAgentDouble::start);
	}

}
