package io.bazaar.catalog.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The catalog's settings.
 *
 * @param cache the Redis cache-aside in front of product detail and the category list
 * @param demoData the demo catalog loaded into an empty database
 * @param maxPageSize the largest page a listing may ask for
 * @param httpMaxAge how long HTTP clients and shared caches may reuse a public read
 * before revalidating it with its ETag
 */
@ConfigurationProperties("catalog")
@Validated
public record CatalogProperties(@Valid @NotNull @DefaultValue Cache cache,
		@Valid @NotNull @DefaultValue DemoData demoData, @DefaultValue("100") @Min(1) @Max(1000) int maxPageSize,
		@NotNull @DefaultValue("PT30S") Duration httpMaxAge) {

	/**
	 * @param enabled whether reads go through Redis at all (off: every read hits
	 * PostgreSQL)
	 * @param ttl how long a loaded entry lives
	 * @param ttlJitter the fraction by which each entry's TTL is randomly lengthened or
	 * shortened, so that entries loaded together do not expire together
	 * @param negativeTtl how long "no such product" is remembered
	 * @param lockTtl how long one instance may hold the cross-instance loading lock of a
	 * key
	 * @param lockWait how long an instance that found the lock taken waits for the holder
	 * to fill the entry before loading it itself
	 * @param secondEvictionDelay the delay of the second eviction after a write, which
	 * removes a value a concurrent reader may have loaded just before the commit
	 * @param circuitOpenFor how long reads skip Redis after it kept failing
	 */
	public record Cache(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("PT10M") Duration ttl,
			@DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("0.5") double ttlJitter,
			@NotNull @DefaultValue("PT30S") Duration negativeTtl, @NotNull @DefaultValue("PT3S") Duration lockTtl,
			@NotNull @DefaultValue("PT1S") Duration lockWait,
			@NotNull @DefaultValue("PT0.5S") Duration secondEvictionDelay,
			@NotNull @DefaultValue("PT5S") Duration circuitOpenFor) {

	}

	/**
	 * @param enabled whether an empty catalog is filled with the demo catalog on start-up
	 * @param seed the seed of the generator: the same seed gives the same catalog
	 * @param products how many products to generate
	 */
	public record DemoData(@DefaultValue("true") boolean enabled, @DefaultValue("20261123") long seed,
			@DefaultValue("1200") @Min(1) @Max(100000) int products) {

	}

}
