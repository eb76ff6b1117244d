package io.bazaar.notification.history;

/**
 * Published in the transaction that created a notification; listeners act after it
 * commits.
 *
 * @param notification the new notification
 */
public record NotificationCreated(Notification notification) {

}
