package io.bazaar.gateway;

import io.bazaar.testsupport.consul.ConsulAgentDouble;
import io.bazaar.testsupport.consul.ConsulRegistrationContract;

/** Registration checked against the HTTP-level double of the Consul agent. */
class ConsulRegistrationIntegrationTest extends ConsulRegistrationContract {

	ConsulRegistrationIntegrationTest() {
		super(GatewayApplication.class, "gateway", false, ConsulAgentDouble::start);
	}

}
