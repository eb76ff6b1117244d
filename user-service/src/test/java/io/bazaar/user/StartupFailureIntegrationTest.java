package io.bazaar.user;

import io.bazaar.testsupport.StartupFailureContract;

class StartupFailureIntegrationTest extends StartupFailureContract {

	StartupFailureIntegrationTest() {
		super(UserServiceApplication.class, "user-service", "USERS_DB_PASSWORD");
	}

}
