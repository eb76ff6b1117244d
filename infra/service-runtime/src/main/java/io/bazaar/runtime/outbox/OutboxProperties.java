package io.bazaar.runtime.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the transactional outbox relay.
 *
 * @param relayEnabled whether this instance publishes queued events
 * @param pollInterval how often the relay looks for events when no commit of this
 * instance woke it (events of instances that do not relay), and its pause after a failed
 * run
 * @param batchSize how many events one relay transaction locks and publishes
 * @param sendTimeout how long the relay waits for the broker to acknowledge a batch
 */
@ConfigurationProperties("platform.outbox")
@Validated
public record OutboxProperties(@DefaultValue("true") boolean relayEnabled,
		@NotNull @DefaultValue("PT1S") Duration pollInterval, @Min(1) @DefaultValue("100") int batchSize,
		@NotNull @DefaultValue("PT15S") Duration sendTimeout) {

}
