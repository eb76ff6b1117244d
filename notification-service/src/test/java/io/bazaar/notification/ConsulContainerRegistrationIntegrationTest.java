package io.bazaar.notification;

import io.bazaar.testsupport.consul.ConsulContainerAgent;
import io.bazaar.testsupport.consul.ConsulRegistrationContract;
import io.bazaar.testsupport.docker.RequiresDocker;

/** Registration checked against a real Consul agent. */
@RequiresDocker("registration against a real Consul agent (Testcontainers)")
class ConsulContainerRegistrationIntegrationTest extends ConsulRegistrationContract {

	ConsulContainerRegistrationIntegrationTest() {
		super(NotificationServiceApplication.class, "notification-service", true, ConsulContainerAgent::start);
	}

}
