package io.bazaar.notification.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.notification.support.NotificationServiceIntegrationTestBase;
import io.bazaar.testsupport.problem.ProblemDetailsContract;
import io.bazaar.testsupport.problem.ProblemProbes;

class NotificationProblemDetailsIntegrationTest extends NotificationServiceIntegrationTestBase
		implements ProblemDetailsContract {

	@Override
	public ProblemProbes problemProbes() {
		String someNotification = "/api/notifications/" + UUID.randomUUID();
		return new ProblemProbes(URI.create("http://localhost:" + this.port), token(UUID.randomUUID()),
				"/api/notifications", someNotification,
				new ProblemProbes.Write("PATCH", someNotification, Map.of(), "{\"read\":null}", List.of("read")));
	}

}
