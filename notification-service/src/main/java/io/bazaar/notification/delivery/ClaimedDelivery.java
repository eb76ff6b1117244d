package io.bazaar.notification.delivery;

import java.util.UUID;

/**
 * A delivery a worker has claimed (leased) to send.
 *
 * @param id the delivery
 * @param notificationId what to send
 * @param userId to whom
 * @param channel through which channel
 * @param attempts sends tried before this one
 */
record ClaimedDelivery(UUID id, UUID notificationId, UUID userId, Channel channel, int attempts) {

}
