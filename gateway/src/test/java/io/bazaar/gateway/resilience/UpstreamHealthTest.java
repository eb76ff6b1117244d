package io.bazaar.gateway.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bazaar.gateway.config.GatewayProperties;
import io.bazaar.gateway.config.GatewayProperties.OutlierDetection;
import io.bazaar.gateway.config.GatewayProperties.Resilience;
import io.bazaar.gateway.config.GatewayProperties.Retries;
import io.bazaar.gateway.resilience.InstanceHealth.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's instances judged together: a failing instance is ejected whatever the
 * others do, a slow one only while another can take its calls.
 */
class UpstreamHealthTest {

	private static final String SERVICE = "catalog-service";

	private final ServiceInstance first = new DefaultServiceInstance(null, SERVICE, "127.0.0.1", 8082, false);

	private final ServiceInstance second = new DefaultServiceInstance(null, SERVICE, "127.0.0.1", 8092, false);

	private final List<ServiceInstance> both = List.of(this.first, this.second);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final UpstreamHealth upstreams = new UpstreamHealth(properties(), this.meters);

	@Test
	void aSlowInstanceIsEjectedWhileAnotherAnswersWell() {
		calls(this.second, Outcome.SUCCESS, 4);

		calls(this.first, Outcome.SLOW, 4);

		assertThat(this.upstreams.candidates(SERVICE, this.both, Set.of())).containsExactly(this.second);
		assertThat(this.meters.counter("gateway.upstream.ejections", "service", SERVICE).count()).isEqualTo(1);
		assertThat(this.upstreams.circuitOpen(SERVICE)).isFalse();
	}

	@Test
	void whenEveryInstanceIsSlowNoneIsEjected() {
		calls(this.first, Outcome.SLOW, 8);
		calls(this.second, Outcome.SLOW, 8);

		assertThat(this.upstreams.candidates(SERVICE, this.both, Set.of())).containsExactly(this.first, this.second);
		assertThat(this.upstreams.circuitOpen(SERVICE)).as("slowness of the whole system opens no circuit").isFalse();
	}

	@Test
	void whenEveryInstanceFailsTheCircuitOpensWithARetryAfterUntilTheFirstComesBack() {
		calls(this.first, Outcome.FAILURE, 3);
		calls(this.second, Outcome.FAILURE, 3);

		assertThat(this.upstreams.candidates(SERVICE, this.both, Set.of())).isEmpty();
		assertThat(this.upstreams.circuitOpen(SERVICE)).isTrue();
		assertThat(this.upstreams.retryAfter(SERVICE)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
	}

	@Test
	void aCallPrefersAnInstanceItHasNotTriedYet() {
		assertThat(this.upstreams.candidates(SERVICE, this.both, Set.of("127.0.0.1:8082")))
			.containsExactly(this.second);
		assertThat(this.upstreams.candidates(SERVICE, List.of(this.first), Set.of("127.0.0.1:8082")))
			.as("the only instance, tried or not")
			.containsExactly(this.first);
	}

	@Test
	void anInstanceTakesNoMoreCallsAtOnceThanItIsGivenWhileAnotherStillDoes() {
		InstanceHealth a = this.upstreams.tryStartCall(SERVICE, this.first);
		InstanceHealth b = this.upstreams.tryStartCall(SERVICE, this.first);

		assertThat(a).isNotNull();
		assertThat(b).isNotNull();
		assertThat(this.upstreams.tryStartCall(SERVICE, this.first)).as("a third call to the first instance").isNull();
		assertThat(this.upstreams.tryStartCall(SERVICE, this.second)).as("a call to the second").isNotNull();
		assertThat(this.meters.counter("gateway.upstream.calls.shed", "service", SERVICE).count()).isEqualTo(1);

		this.upstreams.release(SERVICE);
		this.upstreams.callEnded(a, Outcome.SUCCESS);
		assertThat(this.upstreams.tryStartCall(SERVICE, this.first)).as("once one of its calls ended").isNotNull();
	}

	@Test
	void theServiceTakesNoMoreCallsAtOnceThanItIsGivenOverAllItsInstances() {
		assertThat(this.upstreams.tryStartCall(SERVICE, this.first)).isNotNull();
		assertThat(this.upstreams.tryStartCall(SERVICE, this.second)).isNotNull();
		assertThat(this.upstreams.tryStartCall(SERVICE, this.second)).isNotNull();

		assertThat(this.upstreams.tryStartCall(SERVICE, this.first)).as("a fourth call to the service").isNull();
		assertThat(this.upstreams.inFlight(SERVICE, this.first)).as("the refused call did not start").isEqualTo(1);
	}

	private void calls(ServiceInstance instance, Outcome outcome, int count) {
		for (int i = 0; i < count; i++) {
			InstanceHealth health = this.upstreams.tryStartCall(SERVICE, instance);
			this.upstreams.release(SERVICE);
			this.upstreams.callEnded(health, outcome);
		}
	}

	private static GatewayProperties properties() {
		OutlierDetection outliers = new OutlierDetection(3, Duration.ofSeconds(1), Map.of(), 50, 4,
				Duration.ofSeconds(5), Duration.ofSeconds(60), 2);
		Resilience resilience = new Resilience(Duration.ofSeconds(5), Map.of(), 256, Map.of(SERVICE, 3),
				Map.of(SERVICE, 2), outliers, new Retries(2, 0.1, 5));
		return new GatewayProperties("issuer", "http://user-service/jwks", Duration.ofSeconds(60),
				DataSize.ofMegabytes(1), 256, 0, List.of(), resilience,
				new GatewayProperties.RateLimits(false, Map.of()));
	}

}
