package io.bazaar.notification.history;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification as stored.
 *
 * @param id its id
 * @param sequence its position in the service's notification sequence: increasing, and
 * for one user visible in that order; the live stream's event id
 * @param userId whom it is for
 * @param kind what it is about
 * @param title a short headline
 * @param message one or two sentences
 * @param details what its e-mail is rendered from
 * @param createdAt when it was created
 * @param readAt when the user marked it read, or {@code null}
 */
public record Notification(UUID id, long sequence, UUID userId, NotificationKind kind, String title, String message,
		NotificationDetails details, Instant createdAt, Instant readAt) {

	public boolean read() {
		return this.readAt != null;
	}

}
