package io.bazaar.order.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The order service's settings.
 *
 * @param messaging topics and consumer groups
 * @param catalog how products are looked up in catalog-service
 * @param payment the payment task queue and the simulated payment provider
 * @param deadlines how long each saga step may wait for its participant
 */
@ConfigurationProperties("orders")
@Validated
public record OrdersProperties(@Valid @NotNull @DefaultValue Messaging messaging,
		@Valid @NotNull @DefaultValue Catalog catalog, @Valid @NotNull @DefaultValue Payment payment,
		@Valid @NotNull @DefaultValue Deadlines deadlines) {

	/**
	 * Topic and consumer group names. The defaults are the platform's contract (see
	 * EVENTS.md); tests give each running instance names of its own.
	 *
	 * @param orderEvents the topic order events are published to
	 * @param inventoryEvents the topic catalog-service publishes stock decisions to
	 * @param paymentTasks the payment task queue
	 * @param paymentDeadLetters where payment tasks go that cannot be processed
	 * @param sagaGroup the consumer group that reacts to inventory events
	 * @param paymentGroup the consumer group of the competing payment workers
	 * @param deadLetterGroup the consumer group that cancels orders whose payment task
	 * died
	 * @param orderEventPartitions partitions of the order events topic
	 * @param paymentTaskPartitions partitions of the payment task topic and its dead
	 * letter topic (bounds how many workers can share the queue)
	 */
	public record Messaging(@NotBlank @DefaultValue("orders.events.v1") String orderEvents,
			@NotBlank @DefaultValue("inventory.events.v1") String inventoryEvents,
			@NotBlank @DefaultValue("payments.tasks.v1") String paymentTasks,
			@NotBlank @DefaultValue("payments.tasks.v1.order-service-payments.dlt") String paymentDeadLetters,
			@NotBlank @DefaultValue("order-service-saga") String sagaGroup,
			@NotBlank @DefaultValue("order-service-payments") String paymentGroup,
			@NotBlank @DefaultValue("order-service-payment-dlt") String deadLetterGroup,
			@DefaultValue("6") @Min(1) int orderEventPartitions, @DefaultValue("6") @Min(1) int paymentTaskPartitions) {

	}

	/**
	 * @param baseUri where catalog-service answers; its host is a service name resolved
	 * through discovery
	 * @param connectTimeout how long to wait for a connection to an instance
	 * @param readTimeout how long to wait for an answer
	 * @param maxConnections connections kept to each catalog instance: a call beyond them
	 * waits for one to be free (at most {@code connectTimeout})
	 * @param circuitBreaker when to stop calling a failing catalog for a while
	 */
	public record Catalog(@NotNull @DefaultValue("http://catalog-service") URI baseUri,
			@NotNull @DefaultValue("PT1S") Duration connectTimeout, @NotNull @DefaultValue("PT2S") Duration readTimeout,
			@Min(1) @DefaultValue("64") int maxConnections,
			@Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker) {

	}

	/**
	 * @param slidingWindow how many recent calls the failure rate is computed over
	 * @param minimumCalls how many calls must have been made before the circuit may open
	 * @param failureRateThreshold the failure percentage that opens the circuit
	 * @param openFor how long an open circuit refuses calls before letting a few through
	 * @param halfOpenCalls how many trial calls decide whether the circuit closes again
	 */
	public record CircuitBreaker(@DefaultValue("20") @Min(1) int slidingWindow,
			@DefaultValue("10") @Min(1) int minimumCalls,
			@DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
			@NotNull @DefaultValue("PT10S") Duration openFor, @DefaultValue("3") @Min(1) int halfOpenCalls) {

	}

	/**
	 * @param workers competing consumers of the payment task queue in this instance
	 * @param inFlightPerWorker payments one worker has under way at once: it takes as
	 * many tasks at a time and waits on the provider for all of them together, holding no
	 * thread while it waits
	 * @param declineRate the share of payments the simulated provider declines (0..1)
	 * @param transientFailureRate the share of calls that fail transiently (0..1)
	 * @param latency how long the simulated provider takes to answer
	 * @param timeout how long a call to the provider may take before it counts as a
	 * transient failure
	 * @param seed seeds the simulated provider's random draws, for reproducible runs
	 * @param retry the backoff between attempts of a task that failed transiently
	 * @param backlogRefresh how often the backlog gauge is recomputed
	 */
	public record Payment(@DefaultValue("3") @Min(1) @Max(64) int workers,
			@DefaultValue("64") @Min(1) @Max(500) int inFlightPerWorker,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double declineRate,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double transientFailureRate,
			@NotNull @DefaultValue("PT0.2S") Duration latency, @NotNull @DefaultValue("PT5S") Duration timeout,
			Long seed, @Valid @NotNull @DefaultValue Retry retry,
			@NotNull @DefaultValue("PT5S") Duration backlogRefresh) {

	}

	/**
	 * Exponential backoff of transiently failed payment tasks; a task that still fails
	 * after {@code maxAttempts} goes to the dead letter topic.
	 *
	 * @param maxAttempts attempts in all, the first included
	 * @param initialInterval the pause before the second attempt
	 * @param multiplier how much each pause grows
	 * @param maxInterval the longest pause
	 */
	public record Retry(@DefaultValue("6") @Min(1) @Max(20) int maxAttempts,
			@NotNull @DefaultValue("PT1S") Duration initialInterval,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
			@NotNull @DefaultValue("PT10S") Duration maxInterval) {

	}

	/**
	 * How long an order may wait for each step of its saga, counted from when the step's
	 * command was published. Past its deadline the step is driven again (its command
	 * published again, same event id); past the deadline once more the order is cancelled
	 * ({@code timed-out}).
	 *
	 * @param enabled whether this instance sweeps for orders past their deadline (several
	 * may: each order is claimed by one of them)
	 * @param awaitingStock how long a {@code PENDING} order waits for the catalog's
	 * answer to {@code OrderPlaced}; the catalog answers within a second
	 * @param awaitingPayment how long a {@code STOCK_RESERVED} order waits for its
	 * payment. Above what a task's retries take (by default 6 attempts of up to 5 s with
	 * 25 s of backoff: under a minute) plus a backlog of queued tasks
	 * @param sweepInterval the pause between two sweeps
	 * @param batchSize how many orders one sweep transaction claims
	 */
	public record Deadlines(@DefaultValue("true") boolean enabled,
			@NotNull @DefaultValue("PT30S") Duration awaitingStock,
			@NotNull @DefaultValue("PT3M") Duration awaitingPayment,
			@NotNull @DefaultValue("PT5S") Duration sweepInterval, @DefaultValue("50") @Min(1) int batchSize) {

	}

}
