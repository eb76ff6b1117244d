package io.bazaar.user.account;

import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import io.bazaar.user.support.ApiClient;
import io.bazaar.user.support.ApiClient.Response;
import io.bazaar.user.support.TestAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.bazaar.user.support.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** With Redis unreachable, profiles are read from and written to the database alone. */
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF, "spring.data.redis.port=1" })
class ProfileCacheOutageIntegrationTest {

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Test
	void profilesAreServedFromTheDatabaseAndTheFailuresCounted() {
		ApiClient api = new ApiClient(this.port);
		String token = api.registerAndLogin(TestAccounts.uniqueEmail(), "Ada").get("accessToken").asString();
		double failuresBefore = failures();

		Response first = api.get("/api/users/me", "Authorization", bearer(token));
		Response renamed = api.patch("/api/users/me", "{\"displayName\": \"Ada King\"}", "Authorization",
				bearer(token));
		Response second = api.get("/api/users/me", "Authorization", bearer(token));

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().get("displayName").asString()).isEqualTo("Ada");
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().get("displayName").asString()).isEqualTo("Ada King");
		assertThat(failures() - failuresBefore).as("read, write and evict failures").isGreaterThanOrEqualTo(4);
	}

	private double failures() {
		return this.meters.find("users.profile.cache.errors").counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
