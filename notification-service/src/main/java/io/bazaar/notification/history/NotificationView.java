package io.bazaar.notification.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notification as its user sees it, in the history and on the live stream.
 *
 * @param id its id
 * @param sequence its position in the user's stream (the event id on the stream)
 * @param type what it is about
 * @param title a short headline
 * @param message one or two sentences
 * @param orderId the order it is about, if any
 * @param createdAt when it was created
 * @param read whether the user has marked it read
 * @param readAt when
 * @param deliveries how sending it by each channel went
 */
public record NotificationView(UUID id, long sequence, NotificationKind type, String title, String message,
		UUID orderId, Instant createdAt, boolean read, Instant readAt, List<DeliveryView> deliveries) {

	public static NotificationView of(Notification notification, List<DeliveryView> deliveries) {
		return new NotificationView(notification.id(), notification.sequence(), notification.kind(),
				notification.title(), notification.message(), notification.details().orderId(),
				notification.createdAt(), notification.read(), notification.readAt(), List.copyOf(deliveries));
	}

}
