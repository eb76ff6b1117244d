package io.bazaar.user.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.testsupport.problem.ProblemDetailsContract;
import io.bazaar.testsupport.problem.ProblemProbes;
import io.bazaar.user.support.TestAccounts;
import io.bazaar.user.support.UserServiceIntegrationTestBase;

class UserProblemDetailsIntegrationTest extends UserServiceIntegrationTestBase implements ProblemDetailsContract {

	@Override
	public ProblemProbes problemProbes() {
		String adminToken = this.api.login(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD)
			.json()
			.path("accessToken")
			.asString();
		return new ProblemProbes(URI.create("http://localhost:" + this.port), adminToken, "/api/users/me",
				"/api/users/" + UUID.randomUUID(),
				new ProblemProbes.Write("POST", "/api/users", Map.of(), "{\"email\":\"not-an-address\",\"password\":\""
						+ TestAccounts.PASSWORD + "\",\"displayName\":\"\"}", List.of("displayName", "email")));
	}

}
