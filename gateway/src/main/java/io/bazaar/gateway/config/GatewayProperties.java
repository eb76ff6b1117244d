package io.bazaar.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's settings.
 *
 * @param jwtIssuer the issuer access tokens must carry
 * @param jwksUri where the issuer's public keys are published; a
 * {@code http://<service>/...} address is resolved through discovery
 * @param maxRequestBodySize requests with a larger body are refused with 413
 * @param trustedProxies how many proxies in front of the gateway append to
 * {@code X-Forwarded-For}; 0 means the client is the TCP peer
 * @param corsAllowedOrigins web origins allowed to call the API from a browser
 * @param resilience time limits and circuit breakers
 * @param rateLimits token-bucket budgets in Redis
 */
@ConfigurationProperties("gateway")
@Validated
public record GatewayProperties(@DefaultValue("bazaar-user-service") @NotBlank String jwtIssuer,
		@DefaultValue("http://user-service/.well-known/jwks.json") @NotBlank String jwksUri,
		@DefaultValue("1MB") @NotNull DataSize maxRequestBodySize, @DefaultValue("0") @Min(0) int trustedProxies,
		@DefaultValue List<String> corsAllowedOrigins, @DefaultValue @Valid Resilience resilience,
		@DefaultValue @Valid RateLimits rateLimits) {

	/**
	 * @param timeout how long a route may take before the client gets 504
	 * @param serviceTimeouts overrides of {@code timeout}, by service name
	 * @param failureRateThreshold percentage of failed calls that opens a circuit
	 * @param slidingWindowSize how many recent calls the failure rate is computed over
	 * @param minimumNumberOfCalls calls needed before the rate counts
	 * @param waitInOpenState how long a circuit stays open before letting trial calls
	 * through
	 */
	public record Resilience(@DefaultValue("5s") @NotNull Duration timeout,
			@DefaultValue Map<String, Duration> serviceTimeouts, @DefaultValue("50") float failureRateThreshold,
			@DefaultValue("20") @Min(1) int slidingWindowSize, @DefaultValue("10") @Min(1) int minimumNumberOfCalls,
			@DefaultValue("10s") @NotNull Duration waitInOpenState) {

		public Duration timeoutFor(String service) {
			return this.serviceTimeouts.getOrDefault(service, this.timeout);
		}

	}

	/**
	 * @param enabled whether requests are limited at all
	 * @param policies budgets by name; routes choose one with the
	 * {@code rate-limit-policy} metadata key, others use {@code default}
	 */
	public record RateLimits(@DefaultValue("true") boolean enabled,
			@NotEmpty Map<String, @Valid RateLimitPolicy> policies) {

		public RateLimitPolicy policy(String name) {
			RateLimitPolicy policy = this.policies.get(name);
			if (policy == null) {
				throw new IllegalStateException("No rate-limit policy named '" + name + "' under gateway.rate-limits");
			}
			return policy;
		}

	}

	/**
	 * A token bucket: {@code capacity} tokens, refilled by {@code refillTokens} every
	 * {@code refillPeriod}; each request takes one.
	 *
	 * @param capacity the largest burst
	 * @param refillTokens tokens added each period
	 * @param refillPeriod the period
	 * @param perClientAddress whether the bucket is per client address even for signed-in
	 * users (for sign-in itself, where there is no user yet)
	 */
	public record RateLimitPolicy(@Min(1) int capacity, @Min(1) int refillTokens, @NotNull Duration refillPeriod,
			@DefaultValue("false") boolean perClientAddress) {

	}

}
