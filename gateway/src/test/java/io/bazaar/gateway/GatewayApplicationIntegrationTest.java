package io.bazaar.gateway;

import java.util.Set;

import io.bazaar.testsupport.foundation.ServiceFoundationContract;

class GatewayApplicationIntegrationTest extends ServiceFoundationContract {

	@Override
	protected Set<String> backingServers() {
		return Set.of("redis");
	}

}
