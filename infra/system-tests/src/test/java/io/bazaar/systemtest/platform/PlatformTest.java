package io.bazaar.systemtest.platform;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole platform of the system tests is the local platform's instance table. */
class PlatformTest {

	@Test
	void everyServiceHasTheInstancesOfTheLocalInstanceTable() {
		assertThat(Platform.localInstanceCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("user-service", 1,
				"catalog-service", 2, "order-service", 1, "notification-service", 1, "gateway", 1));
	}

}
