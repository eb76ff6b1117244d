package io.bazaar.notification.config;

import io.bazaar.runtime.security.PlatformResourceServer;
import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every notification endpoint needs a signed-in user (any role); what each user reaches
 * is limited to their own notifications by the endpoints themselves. The admin API (dead
 * letters, failed deliveries) needs ADMIN. The asynchronous dispatches that complete a
 * stream were authorised with the request that opened it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, PlatformResourceServer resourceServer) throws Exception {
		resourceServer.apply(http)
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC)
				.permitAll()
				.requestMatchers("/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/error")
				.permitAll()
				.requestMatchers("/api/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated());
		return http.build();
	}

}
