package io.bazaar.catalog.config;

import io.bazaar.runtime.security.PlatformResourceServer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what: catalog reads are public; stock and reservations need ADMIN or the
 * SERVICE role (the order saga); every other write, and the admin API (dead letters),
 * needs ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, PlatformResourceServer resourceServer) throws Exception {
		resourceServer.apply(http)
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/error")
						.permitAll()
						.requestMatchers(HttpMethod.GET, "/api/products", "/api/products/*", "/api/categories",
								"/api/categories/*")
						.permitAll()
						.requestMatchers("/api/admin/**")
						.hasRole("ADMIN")
						.requestMatchers(HttpMethod.POST, "/api/inventory/*/adjustments")
						.hasRole("ADMIN")
						.requestMatchers("/api/inventory/**")
						.hasAnyRole("ADMIN", "SERVICE")
						.requestMatchers("/api/products/**", "/api/categories/**")
						.hasRole("ADMIN")
						.anyRequest()
						.authenticated());
		return http.build();
	}

}
