package io.bazaar.notification.push;

import java.util.UUID;

/**
 * What one instance tells all others on the Redis channel
 * {@code notifications:v1:user-events} when it has created a notification: whose it is,
 * so that the instances holding that user's streams let them catch up.
 *
 * @param userId whose notification
 * @param notificationId which notification
 */
record PushMessage(UUID userId, UUID notificationId) {

}
