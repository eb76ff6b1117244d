package io.bazaar.order;

import io.bazaar.testsupport.StartupFailureContract;

class StartupFailureIntegrationTest extends StartupFailureContract {

	StartupFailureIntegrationTest() {
		super(OrderServiceApplication.class, "order-service", "ORDERS_DB_PASSWORD");
	}

}
