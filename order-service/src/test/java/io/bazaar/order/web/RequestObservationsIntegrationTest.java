package io.bazaar.order.web;

import java.util.UUID;

import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderApi.Response;
import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request is timed and traced once, as {@code http.server.requests}: without a
 * long-task timer beside it and without an observation for each of Spring Security's
 * filters, authentication and authorisation. Both cost CPU on every request and nothing
 * reads them (infra/benchmarks/RESULTS.md, run 16).
 */
class RequestObservationsIntegrationTest extends OrderServiceIntegrationTestBase {

	@Autowired
	private MeterRegistry meters;

	@Test
	void aPlacementIsObservedOnceAsAServerRequest() {
		Response placed = this.api.place(customerToken(UUID.randomUUID()), OrderApi.order(product("5.00", 10), 1));

		assertThat(placed.status()).isEqualTo(201);
		eventually().untilAsserted(() -> assertThat(placements()).isNotNull());
		assertThat(placements().count()).isPositive();
		assertThat(this.meters.find("http.server.requests.active").longTaskTimers()).isEmpty();
		assertThat(this.meters.getMeters()).extracting((meter) -> meter.getId().getName())
			.noneMatch((name) -> name.startsWith("spring.security"));
	}

	private Timer placements() {
		return this.meters.find("http.server.requests").tag("method", "POST").tag("uri", "/api/orders").timer();
	}

}
