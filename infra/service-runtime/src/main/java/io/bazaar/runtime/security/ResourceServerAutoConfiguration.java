package io.bazaar.runtime.security;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.web.client.RestTemplate;

/**
 * Resource-server plumbing for every data service: a {@link JwtDecoder} that reads
 * user-service's published keys through the load-balanced client (the JWKS host is a
 * service name), accepts only tokens of the configured issuer that have not expired
 * (remembering verified ones for a short while, see {@link VerifiedTokens}), maps the
 * {@code roles} claim to authorities, and answers 401/403 as problem details. Each
 * service still writes its own access rules with {@link PlatformResourceServer}.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" },
		afterName = "org.springframework.cloud.loadbalancer.config.BlockingLoadBalancerClientAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ JwtDecoder.class, NimbusJwtDecoder.class, JwtAuthenticationConverter.class, HttpSecurity.class,
		LoadBalancerClient.class })
@ConditionalOnProperty(prefix = "platform.security", name = "jwks-uri", matchIfMissing = true)
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class ResourceServerAutoConfiguration {

	private static final Duration JWKS_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration JWKS_READ_TIMEOUT = Duration.ofSeconds(3);

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(LoadBalancerClient.class)
	JwtDecoder jwtDecoder(PlatformSecurityProperties properties, LoadBalancerClient loadBalancer) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(JWKS_CONNECT_TIMEOUT);
		requests.setReadTimeout(JWKS_READ_TIMEOUT);
		RestTemplate jwksClient = new RestTemplate(requests);
		jwksClient.getInterceptors().add(new LoadBalancerInterceptor(loadBalancer));
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
			.restOperations(jwksClient)
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.issuer()),
				new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, (subject) -> subject != null && !subject.isBlank())));
		return new RememberingJwtDecoder(decoder, new VerifiedTokens(properties.verifiedTokensTimeToLive()));
	}

	@Bean
	@ConditionalOnMissingBean
	JwtAuthenticationConverter jwtAuthenticationConverter() {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(new RolesClaimAuthoritiesConverter());
		converter.setPrincipalClaimName(JwtClaimNames.SUB);
		return converter;
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityProblems securityProblems() {
		return new SecurityProblems();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(JwtDecoder.class)
	PlatformResourceServer platformResourceServer(JwtDecoder jwtDecoder,
			JwtAuthenticationConverter authenticationConverter, SecurityProblems problems) {
		return new PlatformResourceServer(jwtDecoder, authenticationConverter, problems);
	}

}
