package io.bazaar.notification;

import io.bazaar.testsupport.StartupFailureContract;

class StartupFailureIntegrationTest extends StartupFailureContract {

	StartupFailureIntegrationTest() {
		super(NotificationServiceApplication.class, "notification-service", "NOTIFICATIONS_DB_PASSWORD");
	}

}
