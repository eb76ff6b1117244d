package io.bazaar.user.config;

import io.bazaar.runtime.security.PlatformResourceServer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Identity comes only from a bearer token this service verified
 * itself; no header set by a caller is ever trusted.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, PlatformResourceServer resourceServer) throws Exception {
		return resourceServer.apply(http)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/api/users", "/api/auth/token", "/api/auth/refresh",
						"/api/auth/logout")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/.well-known/jwks.json", "/v3/api-docs", "/v3/api-docs/**")
				.permitAll()
				// Only health, info and prometheus are exposed; other actuator paths
				// answer 404.
				.requestMatchers("/actuator/**", "/error")
				.permitAll()
				.requestMatchers("/api/users/me")
				.authenticated()
				.requestMatchers(HttpMethod.GET, "/api/users/*")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.build();
	}

}
