package io.bazaar.runtime.retention;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the purge of old rows, and how long the platform's bookkeeping tables keep
 * their rows. Each service declares with {@link RetentionPolicy} beans which tables it
 * has; these are the retentions those declarations read.
 *
 * @param enabled whether this instance purges (several may: they share the work row by
 * row)
 * @param initialDelay the pause between start-up and the first run, so an instance that
 * is restarted more often than {@code interval} still purges
 * @param interval the pause between two runs
 * @param batchSize the most rows one transaction deletes
 * @param pause the pause between two batches, which leaves the table to the traffic
 * @param publishedOutboxEvents how long a published outbox event is kept
 * @param processedEvents how long the record of an applied event is kept
 * @param idempotencyKeys how long a client's Idempotency-Key is remembered
 */
@ConfigurationProperties("platform.retention")
@Validated
public record RetentionProperties(@DefaultValue("true") boolean enabled,
		@NotNull @DefaultValue("PT1M") Duration initialDelay, @NotNull @DefaultValue("PT10M") Duration interval,
		@Min(1) @DefaultValue("500") int batchSize, @NotNull @DefaultValue("PT0.1S") Duration pause,
		@NotNull @DefaultValue("P7D") Duration publishedOutboxEvents,
		@NotNull @DefaultValue("P7D") Duration processedEvents,
		@NotNull @DefaultValue("PT24H") Duration idempotencyKeys) {

}
