package io.bazaar.notification.inbox;

import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.bazaar.notification.delivery.Channel;
import io.bazaar.notification.delivery.DeliveryQueue;
import io.bazaar.notification.history.CancellationReasons;
import io.bazaar.notification.history.NewNotification;
import io.bazaar.notification.history.Notification;
import io.bazaar.notification.history.NotificationCreated;
import io.bazaar.notification.history.NotificationDetails;
import io.bazaar.notification.history.NotificationKind;
import io.bazaar.notification.history.NotificationRepository;
import io.bazaar.notification.recipient.Recipient;
import io.bazaar.notification.recipient.RecipientDirectory;
import io.bazaar.runtime.inbox.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies events, each in one transaction that records the event as processed, creates
 * the notification and queues its e-mail; a redelivered event changes nothing. An order
 * event may arrive before its user's {@code UserRegistered} (they travel on different
 * topics): its notification is created all the same, and its e-mail waits in the queue
 * until the registration brings the address.
 */
@Service
class Inbox {

	static final String USER_EVENTS = "user-events";

	static final String ORDER_EVENTS = "order-events";

	private static final Logger logger = LoggerFactory.getLogger(Inbox.class);

	private final ProcessedEvents processedEvents;

	private final RecipientDirectory recipients;

	private final NotificationRepository notifications;

	private final DeliveryQueue deliveries;

	private final ApplicationEventPublisher events;

	Inbox(ProcessedEvents processedEvents, RecipientDirectory recipients, NotificationRepository notifications,
			DeliveryQueue deliveries, ApplicationEventPublisher events) {
		this.processedEvents = processedEvents;
		this.recipients = recipients;
		this.notifications = notifications;
		this.deliveries = deliveries;
		this.events = events;
	}

	@Transactional
	public void userRegistered(UserRegistered event) {
		if (duplicate(USER_EVENTS, UserRegistered.TYPE, event.eventId())) {
			return;
		}
		this.recipients.register(new Recipient(event.userId(), event.email(), event.displayName()));
		int released = this.deliveries.releaseAwaitingRecipient(event.userId());
		if (released > 0) {
			logger.info("Released {} deliveries that waited for the address of user {}", released, event.userId());
		}
		create(new NewNotification(event.userId(), event.eventId(), NotificationKind.WELCOME, "Welcome to Bazaar",
				"Hi " + event.displayName() + ", your account is ready.",
				NotificationDetails.welcome(event.displayName())), UserRegistered.TYPE);
	}

	@Transactional
	public void orderConfirmed(OrderConfirmed event) {
		if (duplicate(ORDER_EVENTS, OrderConfirmed.TYPE, event.eventId())) {
			return;
		}
		NotificationDetails details = NotificationDetails.orderConfirmed(event.orderId(),
				event.items()
					.stream()
					.map((item) -> new NotificationDetails.OrderLine(item.sku(), item.name(), item.quantity(),
							item.unitPrice(), (item.currency() != null) ? item.currency() : event.currency()))
					.toList(),
				event.total(), event.currency());
		int count = event.items().stream().mapToInt(OrderConfirmed.Item::quantity).sum();
		create(new NewNotification(event.userId(), event.eventId(), NotificationKind.ORDER_CONFIRMED, "Order confirmed",
				"Your order %s of %d %s totalling %s %s is confirmed.".formatted(shortNumber(event.orderId()), count,
						(count == 1) ? "item" : "items", event.total().setScale(2, RoundingMode.HALF_EVEN),
						event.currency()),
				details), OrderConfirmed.TYPE);
	}

	@Transactional
	public void orderCancelled(OrderCancelled event) {
		if (duplicate(ORDER_EVENTS, OrderCancelled.TYPE, event.eventId())) {
			return;
		}
		create(new NewNotification(event.userId(), event.eventId(), NotificationKind.ORDER_CANCELLED, "Order cancelled",
				"Your order %s was cancelled: %s.".formatted(shortNumber(event.orderId()),
						CancellationReasons.describe(event.reason())),
				NotificationDetails.orderCancelled(event.orderId(), event.reason())), OrderCancelled.TYPE);
	}

	private boolean duplicate(String consumer, String type, UUID eventId) {
		if (this.processedEvents.markProcessed(consumer, eventId)) {
			return false;
		}
		logger.info("Skipped {} {}: already processed", type, eventId);
		return true;
	}

	private void create(NewNotification notification, String type) {
		Optional<Notification> created = this.notifications.create(notification);
		created.ifPresent((saved) -> {
			this.deliveries.enqueue(saved.id(), saved.userId(), notification.sourceEventId(), Channel.EMAIL);
			this.events.publishEvent(new NotificationCreated(saved));
			logger.debug("Accepted {} {} for user {} as notification {}", type, notification.sourceEventId(),
					saved.userId(), saved.id());
		});
	}

	/** The order number as shown in short texts: the first block of the order id. */
	private static String shortNumber(UUID orderId) {
		return orderId.toString().substring(0, 8).toUpperCase(Locale.ROOT);
	}

}
