package io.bazaar.baregateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway with a single route from configuration and none of the platform's
 * gateway features (no security, rate limits, circuit breakers, tracing or actuator):
 * what proxying costs in Spring Cloud Gateway itself. The benchmarks measure the
 * platform's gateway against it.
 */
@SpringBootApplication
public class BareGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(BareGatewayApplication.class, args);
	}

}
