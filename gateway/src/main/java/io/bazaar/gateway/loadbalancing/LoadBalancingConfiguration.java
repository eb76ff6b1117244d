package io.bazaar.gateway.loadbalancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.RandomLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * How the gateway spreads calls over a service's healthy instances: round robin unless
 * {@code gateway.load-balancing.strategy=random}. Registered for every service's
 * load-balancer context by {@link LoadBalancingSetup}; deliberately not a
 * component-scanned configuration, since it must live in each of those child contexts
 * only.
 */
class LoadBalancingConfiguration {

	@Bean
	ReactorLoadBalancer<ServiceInstance> reactorServiceInstanceLoadBalancer(Environment environment,
			LoadBalancerClientFactory clients) {
		String service = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		String strategy = environment.getProperty("gateway.load-balancing.strategy", "round-robin");
		var instances = clients.getLazyProvider(service, ServiceInstanceListSupplier.class);
		return switch (strategy) {
			case "round-robin" -> new RoundRobinLoadBalancer(instances, service);
			case "random" -> new RandomLoadBalancer(instances, service);
			default -> throw new IllegalStateException(
					"gateway.load-balancing.strategy must be 'round-robin' or 'random', not '" + strategy + "'");
		};
	}

}
