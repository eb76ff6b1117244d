package io.bazaar.gateway.loadbalancing;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.bazaar.gateway.resilience.UpstreamHealth;
import io.bazaar.gateway.resilience.UpstreamRoutes;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Chooses an instance among those the gateway still trusts ({@link UpstreamHealth}: not
 * ejected, not stalled, not already tried by this call where another is left), by the
 * configured strategy. Answers no instance when every one is ejected, which the gateway
 * reports as the service's open circuit.
 */
class HealthAwareLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	/** How an instance is picked among the candidates. */
	enum Strategy {

		/** Each in turn. */
		ROUND_ROBIN,
		/** Any, at random. */
		RANDOM,
		/**
		 * The one with fewer calls under way of two taken in turn (the power of two
		 * choices): an instance that slows down is sent less at once.
		 */
		LEAST_OUTSTANDING;

		static Strategy of(String name) {
			return switch (name) {
				case "round-robin" -> ROUND_ROBIN;
				case "random" -> RANDOM;
				case "least-outstanding" -> LEAST_OUTSTANDING;
				default -> throw new IllegalStateException(
						"gateway.load-balancing.strategy must be 'least-outstanding', 'round-robin' or 'random', not '"
								+ name + "'");
			};
		}

	}

	private final String service;

	private final ObjectProvider<ServiceInstanceListSupplier> suppliers;

	private final UpstreamHealth upstreams;

	private final Strategy strategy;

	private final AtomicInteger position = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

	HealthAwareLoadBalancer(String service, ObjectProvider<ServiceInstanceListSupplier> suppliers,
			UpstreamHealth upstreams, Strategy strategy) {
		this.service = service;
		this.suppliers = suppliers;
		this.upstreams = upstreams;
		this.strategy = strategy;
	}

	@Override
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier supplier = this.suppliers.getIfAvailable(NoopServiceInstanceListSupplier::new);
		Collection<String> tried = tried(request);
		return supplier.get(request)
			.next()
			.map((discovered) -> pick(this.upstreams.candidates(this.service, discovered, tried)));
	}

	private Response<ServiceInstance> pick(List<ServiceInstance> candidates) {
		if (candidates.isEmpty()) {
			return new EmptyResponse();
		}
		if (candidates.size() == 1) {
			return new DefaultResponse(candidates.get(0));
		}
		int size = candidates.size();
		return new DefaultResponse(switch (this.strategy) {
			case RANDOM -> candidates.get(ThreadLocalRandom.current().nextInt(size));
			case ROUND_ROBIN -> candidates.get(next(size));
			case LEAST_OUTSTANDING -> {
				int first = next(size);
				ServiceInstance a = candidates.get(first);
				ServiceInstance b = candidates.get((first + 1 + ThreadLocalRandom.current().nextInt(size - 1)) % size);
				yield (this.upstreams.inFlight(this.service, b) < this.upstreams.inFlight(this.service, a)) ? b : a;
			}
		});
	}

	private int next(int size) {
		return (this.position.getAndIncrement() & Integer.MAX_VALUE) % size;
	}

	private static Collection<String> tried(Request<?> request) {
		if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null
				&& context.getClientRequest().getAttributes() != null
				&& context.getClientRequest()
					.getAttributes()
					.get(UpstreamRoutes.TRIED_INSTANCES_ATTRIBUTE) instanceof Set<?> tried) {
			return tried.stream().map(String::valueOf).toList();
		}
		return Set.of();
	}

}
