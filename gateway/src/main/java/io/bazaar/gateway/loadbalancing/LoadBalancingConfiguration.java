package io.bazaar.gateway.loadbalancing;

import io.bazaar.gateway.resilience.UpstreamHealth;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * How the gateway spreads calls over a service's instances:
 * {@link HealthAwareLoadBalancer} with the strategy
 * {@code gateway.load-balancing.strategy} names (least outstanding calls unless set).
 * Registered for every service's load-balancer context by {@link LoadBalancingSetup};
 * deliberately not a component-scanned configuration, since it must live in each of those
 * child contexts only.
 */
class LoadBalancingConfiguration {

	@Bean
	ReactorLoadBalancer<ServiceInstance> reactorServiceInstanceLoadBalancer(Environment environment,
			LoadBalancerClientFactory clients, UpstreamHealth upstreams) {
		String service = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		String strategy = environment.getProperty("gateway.load-balancing.strategy", "least-outstanding");
		return new HealthAwareLoadBalancer(service, clients.getLazyProvider(service, ServiceInstanceListSupplier.class),
				upstreams, HealthAwareLoadBalancer.Strategy.of(strategy));
	}

}
