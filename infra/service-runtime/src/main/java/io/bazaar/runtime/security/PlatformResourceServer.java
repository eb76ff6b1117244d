package io.bazaar.runtime.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * The platform's way of checking callers, applied by a service to its own
 * {@code SecurityFilterChain} before it states its access rules:
 *
 * <pre class="code">
 * http = resourceServer.apply(http);
 * http.authorizeHttpRequests(...);
 * </pre>
 *
 * Stateless bearer-token authentication only: identity comes from a verified JWT, never
 * from a header a client could set; no session, no CSRF token (no cookies), no basic or
 * form login; 401 and 403 answered as problem details.
 */
public final class PlatformResourceServer {

	private final JwtDecoder jwtDecoder;

	private final JwtAuthenticationConverter authenticationConverter;

	private final SecurityProblems problems;

	public PlatformResourceServer(JwtDecoder jwtDecoder, JwtAuthenticationConverter authenticationConverter,
			SecurityProblems problems) {
		this.jwtDecoder = jwtDecoder;
		this.authenticationConverter = authenticationConverter;
		this.problems = problems;
	}

	public HttpSecurity apply(HttpSecurity http) throws Exception {
		return http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(this.jwtDecoder).jwtAuthenticationConverter(this.authenticationConverter))
				.authenticationEntryPoint(this.problems)
				.accessDeniedHandler(this.problems))
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint(this.problems).accessDeniedHandler(this.problems));
	}

}
