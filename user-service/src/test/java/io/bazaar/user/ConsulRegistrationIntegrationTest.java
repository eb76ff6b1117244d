package io.bazaar.user;

import io.bazaar.testsupport.consul.ConsulAgentDouble;
import io.bazaar.testsupport.consul.ConsulRegistrationContract;

/** Registration checked against the HTTP-level double of the Consul agent. */
class ConsulRegistrationIntegrationTest extends ConsulRegistrationContract {

	ConsulRegistrationIntegrationTest() {
		super(UserServiceApplication.class, "user-service", true, ConsulAgentDouble::start);
	}

}
