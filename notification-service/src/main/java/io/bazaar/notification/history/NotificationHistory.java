package io.bazaar.notification.history;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

/** A user's notifications: listing, reading one, marking read. */
@Service
public class NotificationHistory {

	private final NotificationRepository notifications;

	private final DeliveryStates deliveries;

	NotificationHistory(NotificationRepository notifications, DeliveryStates deliveries) {
		this.notifications = notifications;
		this.deliveries = deliveries;
	}

	NotificationPage page(UUID userId, int page, int size) {
		List<Notification> items = this.notifications.page(userId, page, size);
		NotificationRepository.Counts counts = this.notifications.counts(userId);
		return new NotificationPage(views(items), page, size, counts.total(), (counts.total() + size - 1) / size,
				counts.unread());
	}

	NotificationView get(UUID userId, UUID id) {
		return this.notifications.findForUser(userId, id)
			.map(this::view)
			.orElseThrow(() -> new NotificationNotFoundException(id));
	}

	NotificationView markRead(UUID userId, UUID id, boolean read) {
		return this.notifications.markRead(userId, id, read)
			.map(this::view)
			.orElseThrow(() -> new NotificationNotFoundException(id));
	}

	/** Views of the given notifications, in the given order. */
	public List<NotificationView> views(List<Notification> items) {
		Map<UUID, List<DeliveryView>> states = this.deliveries.of(items.stream().map(Notification::id).toList());
		return items.stream()
			.map((notification) -> NotificationView.of(notification, states.getOrDefault(notification.id(), List.of())))
			.toList();
	}

	private NotificationView view(Notification notification) {
		return views(List.of(notification)).get(0);
	}

}
