package io.bazaar.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
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
 * @param verifiedTokensTimeToLive how long a verified token is accepted again without its
 * signature being checked (expiry is still checked on every use); zero checks every time
 * @param maxRequestBodySize requests with a larger body are refused with 413
 * @param maxConcurrentRequests requests this gateway instance works on at once, until
 * their answers start; beyond, requests are answered 503 with {@code Retry-After} at once
 * @param trustedProxies how many proxies in front of the gateway append to
 * {@code X-Forwarded-For}; 0 means the client is the TCP peer
 * @param corsAllowedOrigins web origins allowed to call the API from a browser
 * @param resilience time limits, call limits, outlier detection and retries
 * @param rateLimits token-bucket budgets in Redis
 */
@ConfigurationProperties("gateway")
@Validated
public record GatewayProperties(@DefaultValue("bazaar-user-service") @NotBlank String jwtIssuer,
		@DefaultValue("http://user-service/.well-known/jwks.json") @NotBlank String jwksUri,
		@DefaultValue("60s") @NotNull Duration verifiedTokensTimeToLive,
		@DefaultValue("1MB") @NotNull DataSize maxRequestBodySize,
		@DefaultValue("256") @Min(1) int maxConcurrentRequests, @DefaultValue("0") @Min(0) int trustedProxies,
		@DefaultValue List<String> corsAllowedOrigins, @DefaultValue @Valid Resilience resilience,
		@DefaultValue @Valid RateLimits rateLimits) {

	/**
	 * How calls to the services are bounded, spread and retried.
	 *
	 * @param timeout how long a call may take, retries included, before the client gets
	 * 504
	 * @param serviceTimeouts overrides of {@code timeout}, by service name
	 * @param maxConcurrentCalls calls one gateway instance lets run at once to a service;
	 * the excess is answered 503 with {@code Retry-After} at once
	 * @param serviceMaxConcurrentCalls overrides of {@code maxConcurrentCalls}, by
	 * service name
	 * @param instanceMaxConcurrentCalls calls one gateway instance lets run at once to
	 * each instance of a service, by service name (none: no limit per instance); the
	 * excess is answered 503 with {@code Retry-After} at once
	 * @param outlierDetection when an instance leaves the rotation
	 * @param retries which failed calls are tried again on another instance
	 */
	public record Resilience(@DefaultValue("5s") @NotNull Duration timeout,
			@DefaultValue Map<String, Duration> serviceTimeouts, @DefaultValue("256") @Min(1) int maxConcurrentCalls,
			@DefaultValue Map<String, Integer> serviceMaxConcurrentCalls,
			@DefaultValue Map<String, @Min(1) Integer> instanceMaxConcurrentCalls,
			@DefaultValue @Valid OutlierDetection outlierDetection, @DefaultValue @Valid Retries retries) {

		public Duration timeoutFor(String service) {
			return this.serviceTimeouts.getOrDefault(service, this.timeout);
		}

		public int maxConcurrentCallsFor(String service) {
			return this.serviceMaxConcurrentCalls.getOrDefault(service, this.maxConcurrentCalls);
		}

		public int maxConcurrentCallsPerInstanceFor(String service) {
			return this.instanceMaxConcurrentCalls.getOrDefault(service, Integer.MAX_VALUE);
		}

		/** The longest any call may take: {@code timeout} or a longer service's. */
		public Duration longestTimeout() {
			return this.serviceTimeouts.values().stream().reduce(this.timeout, (a, b) -> (a.compareTo(b) >= 0) ? a : b);
		}

	}

	/**
	 * Passive health checking of each instance from the calls it answers. An instance is
	 * ejected after {@code consecutiveFailures} failed calls in a row, or when at least
	 * {@code slowCallRateThreshold} percent of its last {@code slidingWindowSize} calls
	 * failed or took longer than {@code slowCallThreshold}. It returns after an ejection
	 * time that doubles with every ejection in a row (up to {@code maxEjectionTime}), on
	 * trial: {@code trialCalls} successful calls put it back in full, one failure ejects
	 * it again. A service's circuit is open only while every instance is ejected.
	 *
	 * @param consecutiveFailures failed calls in a row that eject an instance
	 * @param slowCallThreshold a call slower than this counts against its instance, and
	 * an instance that has answered nothing for this long while calls wait on it is
	 * passed over while another can take the call
	 * @param slowCallRateThreshold percentage of slow or failed calls that ejects
	 * @param slidingWindowSize how many recent calls of an instance that rate is computed
	 * over
	 * @param baseEjectionTime how long a first ejection lasts
	 * @param maxEjectionTime the longest ejection
	 * @param serviceSlowCallThresholds overrides of {@code slowCallThreshold}, by service
	 * name (a service whose calls are slow by design, such as password hashing)
	 * @param trialCalls successful calls that end an instance's trial
	 */
	public record OutlierDetection(@DefaultValue("5") @Min(1) int consecutiveFailures,
			@DefaultValue("1s") @NotNull Duration slowCallThreshold,
			@DefaultValue Map<String, Duration> serviceSlowCallThresholds,
			@DefaultValue("50") @Min(1) @Max(100) int slowCallRateThreshold,
			@DefaultValue("20") @Min(1) int slidingWindowSize, @DefaultValue("5s") @NotNull Duration baseEjectionTime,
			@DefaultValue("60s") @NotNull Duration maxEjectionTime, @DefaultValue("3") @Min(1) int trialCalls) {

		public Duration slowCallThresholdFor(String service) {
			return this.serviceSlowCallThresholds.getOrDefault(service, this.slowCallThreshold);
		}

	}

	/**
	 * Failed calls tried again on another instance: reads (GET, HEAD, OPTIONS) after a
	 * connection failure or a 502, 503 or 504 that carries no {@code Retry-After}; any
	 * method when the connection could not be opened, as the service saw nothing. Retries
	 * draw on a budget so that they never multiply the load on a struggling service.
	 *
	 * @param maxRetries retries of one call at most
	 * @param budgetRatio retries allowed per call made, over time
	 * @param minRetriesPerSecond retries always allowed, however few calls are made
	 */
	public record Retries(@DefaultValue("2") @Min(0) int maxRetries,
			@DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1") double budgetRatio,
			@DefaultValue("5") @Min(0) int minRetriesPerSecond) {

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
