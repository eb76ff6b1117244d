package io.bazaar.notification.history;

import java.util.UUID;

/**
 * A notification to be created for a user because of an event.
 *
 * @param userId whom it is for
 * @param sourceEventId the event it comes from; one notification per user and event
 * @param kind what it is about
 * @param title a short headline
 * @param message one or two sentences for the in-app list
 * @param details what its e-mail is rendered from
 */
public record NewNotification(UUID userId, UUID sourceEventId, NotificationKind kind, String title, String message,
		NotificationDetails details) {

}
