package io.bazaar.notification.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery that was given up on (status FAILED), as the admin API shows it.
 *
 * @param id the delivery
 * @param notificationId the notification it delivers
 * @param userId the recipient
 * @param channel how it is delivered
 * @param attempts the sends that were tried
 * @param lastError why the last one failed
 * @param failedAt when it was given up on
 */
public record FailedDelivery(UUID id, UUID notificationId, UUID userId, Channel channel, int attempts, String lastError,
		Instant failedAt) {

}
