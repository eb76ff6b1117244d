package io.bazaar.notification.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The notification service's settings.
 *
 * @param mail how e-mail is sent
 * @param inbox which events are consumed and when consumption pauses
 * @param delivery the delivery task queue and its workers
 * @param push the live stream to connected clients
 */
@ConfigurationProperties("notifications")
@Validated
public record NotificationsProperties(@Valid @DefaultValue Mail mail, @Valid @DefaultValue Inbox inbox,
		@Valid @DefaultValue Delivery delivery, @Valid @DefaultValue Push push) {

	/**
	 * @param from the sender of every e-mail, e.g.
	 * {@code Bazaar <no-reply@bazaar.example>}
	 */
	public record Mail(@NotBlank @DefaultValue("Bazaar <no-reply@bazaar.example>") String from) {

	}

	/**
	 * @param usersTopic the topic carrying {@code UserRegistered}
	 * @param ordersTopic the topic carrying {@code OrderConfirmed} and
	 * {@code OrderCancelled}
	 * @param enabled whether this instance consumes events at all (an instance that only
	 * serves clients can leave it to others)
	 * @param pauseAbove consumption pauses when more deliveries than this are waiting for
	 * a worker
	 * @param resumeBelow consumption resumes when the backlog has shrunk below this
	 * @param backlogCheck how often the backlog is measured
	 */
	public record Inbox(@NotBlank @DefaultValue("users.events.v1") String usersTopic,
			@NotBlank @DefaultValue("orders.events.v1") String ordersTopic, @DefaultValue("true") boolean enabled,
			@Min(1) @DefaultValue("1000") int pauseAbove, @Min(0) @DefaultValue("500") int resumeBelow,
			@NotNull @DefaultValue("1s") Duration backlogCheck) {

	}

	/**
	 * @param workers how many deliveries this instance sends at the same time
	 * @param pollInterval how long an idle worker waits before looking for due work again
	 * (new work wakes it earlier)
	 * @param maxAttempts failed sends after which a delivery is dead-lettered (FAILED)
	 * @param initialBackoff the wait after the first failed send; it doubles after each
	 * further failure, with jitter
	 * @param maxBackoff the longest wait between two sends
	 * @param lease how long a claimed delivery is reserved for its worker; must exceed
	 * the SMTP time-outs, since another worker takes the delivery over after it
	 * @param recipientRecheck how often a delivery whose recipient is still unknown is
	 * looked at again (the recipient's registration releases it at once)
	 * @param recipientWait how long a delivery waits for its recipient's registration
	 * before it fails
	 */
	public record Delivery(@Min(1) @DefaultValue("4") int workers, @NotNull @DefaultValue("1s") Duration pollInterval,
			@Min(1) @DefaultValue("8") int maxAttempts, @NotNull @DefaultValue("2s") Duration initialBackoff,
			@NotNull @DefaultValue("10m") Duration maxBackoff, @NotNull @DefaultValue("2m") Duration lease,
			@NotNull @DefaultValue("1m") Duration recipientRecheck,
			@NotNull @DefaultValue("7d") Duration recipientWait) {

	}

	/**
	 * @param channel the Redis pub/sub channel through which instances tell each other of
	 * new notifications
	 * @param heartbeat how often an idle stream gets a comment line, so proxies keep it
	 * open
	 * @param timeout how long one stream stays open before the client has to reconnect
	 * (with {@code Last-Event-ID}, so nothing is lost)
	 * @param dispatchThreads threads that write notifications to open streams
	 * @param maxStreamsPerUser streams one user may have open on this instance at once;
	 * one more is refused with 429
	 * @param maxStreams streams this instance keeps open at once, for all users; one more
	 * is refused with 429 (the client retries, possibly on another instance)
	 */
	public record Push(@NotBlank @DefaultValue("notifications:v1:user-events") String channel,
			@NotNull @DefaultValue("15s") Duration heartbeat, @NotNull @DefaultValue("30m") Duration timeout,
			@Min(1) @DefaultValue("2") int dispatchThreads, @Min(1) @DefaultValue("5") int maxStreamsPerUser,
			@Min(1) @DefaultValue("1000") int maxStreams) {

	}

}
