package io.bazaar.user.support;

import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The user service on a random port against real PostgreSQL, Redis and Kafka, with the
 * first administrator configured ({@link TestAccounts}). It issues and checks its own
 * tokens, so no stand-in issuer is wired. Classes extending it share one application
 * context and so one database: tests use accounts of their own.
 */
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF,
		"users.admin.email=" + TestAccounts.ADMIN_EMAIL, "users.admin.password=" + TestAccounts.ADMIN_PASSWORD })
public abstract class UserServiceIntegrationTestBase {

	@LocalServerPort
	protected int port;

	protected ApiClient api;

	@BeforeEach
	void connectClient() {
		this.api = new ApiClient(this.port);
	}

}
