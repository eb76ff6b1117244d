package io.bazaar.user.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.testsupport.problem.ProblemDetailsContract;
import io.bazaar.testsupport.problem.ProblemProbes;
import io.bazaar.user.ApiClient;
import io.bazaar.user.TestAccounts;
import io.bazaar.user.UserServiceIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

@UserServiceIntegrationTest
class UserProblemDetailsIntegrationTest implements ProblemDetailsContract {

	@LocalServerPort
	private int port;

	@Override
	public ProblemProbes problemProbes() {
		String adminToken = new ApiClient(this.port).login(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD)
			.json()
			.path("accessToken")
			.asString();
		return new ProblemProbes(URI.create("http://localhost:" + this.port), adminToken, "/api/users/me",
				"/api/users/" + UUID.randomUUID(),
				new ProblemProbes.Write("POST", "/api/users", Map.of(), "{\"email\":\"not-an-address\",\"password\":\""
						+ TestAccounts.PASSWORD + "\",\"displayName\":\"\"}", List.of("displayName", "email")));
	}

}
