package io.bazaar.notification;

import io.bazaar.testsupport.architecture.DomainWithoutHttp;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

	@Test
	void domainCodeSpeaksNoHttp() {
		DomainWithoutHttp
			.of(NotificationServiceApplication.class, "push.PushConnection", "push.PushConnections",
					"push.StreamDispatcher")
			.check();
	}

}
