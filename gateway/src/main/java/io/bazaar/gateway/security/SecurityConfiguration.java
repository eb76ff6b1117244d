package io.bazaar.gateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.bazaar.gateway.config.GatewayProperties;
import io.bazaar.gateway.problem.ProblemResponses;
import io.bazaar.runtime.security.VerifiedTokens;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Who may pass the gateway. Access tokens are checked here against user-service's
 * published keys (fetched through discovery), so bad tokens never reach a service; the
 * services check them again themselves, because nothing behind the gateway trusts a
 * header it did not verify.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	private static final String[] PUBLIC_ANY_METHOD = { "/api/auth/**", "/.well-known/jwks.json", "/actuator/health/**",
			"/actuator/info", "/actuator/prometheus", "/v3/api-docs/**", "/gateway/v3/api-docs/**", "/swagger-ui.html",
			"/swagger-ui/**", "/webjars/**", "/fallback/**" };

	private static final String[] PUBLIC_READS = { "/api/products", "/api/products/**", "/api/categories",
			"/api/categories/**" };

	/**
	 * Catalog reads without credentials, the bulk of the traffic: only what every answer
	 * needs (security headers, CORS). A read that carries a token takes the full chain
	 * below, where a bad token is refused.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain anonymousPublicReads(ServerHttpSecurity http) {
		ServerWebExchangeMatcher withoutCredentials = (
				exchange) -> exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
						? MatchResult.notMatch() : MatchResult.match();
		return stateless(http)
			.securityMatcher(new AndServerWebExchangeMatcher(
					ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, PUBLIC_READS), withoutCredentials))
			.build();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
			ProblemResponses problems) {
		ServerAuthenticationEntryPoint unauthorized = (exchange, ex) -> problems.write(exchange,
				HttpStatus.UNAUTHORIZED, "unauthorized", "A valid access token is required.");
		ServerAccessDeniedHandler forbidden = (exchange, ex) -> problems.write(exchange, HttpStatus.FORBIDDEN,
				"forbidden", "This account may not do that.");
		return stateless(http)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.OPTIONS)
				.permitAll()
				.pathMatchers(PUBLIC_ANY_METHOD)
				.permitAll()
				.pathMatchers(HttpMethod.POST, "/api/users")
				.permitAll()
				.pathMatchers(HttpMethod.GET, PUBLIC_READS)
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtDecoder(jwtDecoder)
					.jwtAuthenticationConverter(SecurityConfiguration::authentication))
				.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden))
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.build();
	}

	/**
	 * Stateless: every request carries its token. The default repository and request
	 * cache look the security context up in a WebSession, which creates one per request
	 * on the bounded-elastic scheduler (a SecureRandom id): a thread hop and a contended
	 * lock on every request, for a session nothing ever reads.
	 */
	private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
		return http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.cors(Customizer.withDefaults());
	}

	/**
	 * No observation of each security filter: it wraps every filter of the chain on every
	 * request, for spans the request's own span already covers.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(GatewayProperties properties,
			ReactiveLoadBalancer.Factory<ServiceInstance> balancers) {
		WebClient discoveryClient = WebClient.builder()
			.filter(new ReactorLoadBalancerExchangeFilterFunction(balancers, List.of()))
			.build();
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri())
			.webClient(discoveryClient)
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.jwtIssuer()));
		return new RememberingReactiveJwtDecoder(decoder, new VerifiedTokens(properties.verifiedTokensTimeToLive()));
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(GatewayProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.corsAllowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "API-Version", "Idempotency-Key", "If-Match",
				"If-None-Match", "X-Request-Id", "Last-Event-ID", "traceparent"));
		cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
				"RateLimit-Reset", "X-Request-Id"));
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

	/** Maps the token's {@code roles} claim to {@code ROLE_*} authorities. */
	private static Mono<AbstractAuthenticationToken> authentication(Jwt jwt) {
		Collection<GrantedAuthority> authorities = new ArrayList<>();
		List<String> roles = jwt.getClaimAsStringList("roles");
		if (roles != null) {
			roles.forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		}
		return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
	}

}
