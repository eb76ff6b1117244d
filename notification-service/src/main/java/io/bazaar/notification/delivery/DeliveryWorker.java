package io.bazaar.notification.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import io.bazaar.notification.config.NotificationsProperties;
import io.bazaar.notification.history.Notification;
import io.bazaar.notification.history.NotificationRepository;
import io.bazaar.notification.recipient.Recipient;
import io.bazaar.notification.recipient.RecipientDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Carries out one claimed delivery: renders and sends its e-mail, then records the
 * outcome: sent, to be retried after a backoff, dead-lettered (FAILED) once the attempts
 * are used up, or put back to wait when the recipient's address is not known yet.
 */
@Component
class DeliveryWorker {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryWorker.class);

	private final DeliveryQueue queue;

	private final NotificationRepository notifications;

	private final RecipientDirectory recipients;

	private final EmailComposer composer;

	private final EmailSender sender;

	private final RetryPolicy retryPolicy;

	private final DeliveryMetrics metrics;

	private final NotificationsProperties.Delivery settings;

	DeliveryWorker(DeliveryQueue queue, NotificationRepository notifications, RecipientDirectory recipients,
			EmailComposer composer, EmailSender sender, DeliveryMetrics metrics, NotificationsProperties properties) {
		this.queue = queue;
		this.notifications = notifications;
		this.recipients = recipients;
		this.composer = composer;
		this.sender = sender;
		this.metrics = metrics;
		this.settings = properties.delivery();
		this.retryPolicy = new RetryPolicy(this.settings.initialBackoff(), this.settings.maxBackoff(),
				this.settings.maxAttempts(), new Random());
	}

	/** A connection to the mail server for one worker thread to send with. */
	SmtpConnection newConnection() {
		return this.sender.newConnection();
	}

	void deliver(ClaimedDelivery delivery, SmtpConnection smtp) {
		Notification notification = this.notifications.findById(delivery.notificationId())
			.orElseThrow(() -> new IllegalStateException("Delivery " + delivery.id() + " has no notification"));
		Optional<Recipient> recipient = this.recipients.find(delivery.userId());
		if (recipient.isEmpty()) {
			awaitRecipient(delivery);
			return;
		}
		int attempt = delivery.attempts() + 1;
		try {
			this.sender.send(smtp, delivery.id(), recipient.get(),
					this.composer.compose(notification, recipient.get()));
			this.queue.markSent(delivery.id());
			this.metrics.sent();
			logger.debug("Sent {} notification {} by {} (attempt {})", notification.kind(), notification.id(),
					delivery.channel(), attempt);
		}
		catch (PermanentDeliveryException ex) {
			fail(delivery, attempt, ex);
		}
		catch (MailException ex) {
			if (this.retryPolicy.exhausted(attempt)) {
				fail(delivery, attempt, ex);
			}
			else {
				Duration backoff = this.retryPolicy.backoffAfter(attempt);
				this.queue.scheduleRetry(delivery.id(), backoff, describe(ex));
				this.metrics.retried();
				logger.warn("Sending delivery {} failed (attempt {} of {}), retrying in {} ms: {}", delivery.id(),
						attempt, this.settings.maxAttempts(), backoff.toMillis(), describe(ex));
			}
		}
	}

	private void awaitRecipient(ClaimedDelivery delivery) {
		boolean failed = this.queue.awaitRecipient(delivery.id(), this.settings.recipientRecheck(),
				this.settings.recipientWait());
		if (failed) {
			this.metrics.failed();
			logger.warn("Delivery {} failed: no address for user {} arrived within {}", delivery.id(),
					delivery.userId(), this.settings.recipientWait());
		}
		else {
			logger.info("Delivery {} waits for the address of user {}", delivery.id(), delivery.userId());
		}
	}

	private void fail(ClaimedDelivery delivery, int attempt, RuntimeException ex) {
		this.queue.markFailed(delivery.id(), describe(ex));
		this.metrics.failed();
		logger.warn("Delivery {} dead-lettered after attempt {}: {}", delivery.id(), attempt, describe(ex), ex);
	}

	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = ex.getMessage() + ((root != ex) ? " (" + root + ")" : "");
		return (message.length() > 500) ? message.substring(0, 500) : message;
	}

}
