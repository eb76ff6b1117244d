package io.bazaar.order.config;

import io.bazaar.runtime.security.PlatformResourceServer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every order endpoint needs a valid access token from user-service; which orders a
 * caller may see is decided per order (owner or administrator). The admin API (dead
 * letters) needs ADMIN. Probes, metrics and the API description are open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, PlatformResourceServer resourceServer) throws Exception {
		resourceServer.apply(http)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
						"/v3/api-docs", "/v3/api-docs/**", "/error")
				.permitAll()
				.requestMatchers("/api/admin/**")
				.hasRole("ADMIN")
				.requestMatchers("/api/orders", "/api/orders/**")
				.authenticated()
				.anyRequest()
				.denyAll());
		return http.build();
	}

}
