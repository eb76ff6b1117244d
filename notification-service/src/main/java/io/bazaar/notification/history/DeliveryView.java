package io.bazaar.notification.history;

import java.time.Instant;

/**
 * How far sending a notification through one channel has come.
 *
 * @param channel the channel, e.g. {@code EMAIL}
 * @param status {@code PENDING} (queued or waiting to retry), {@code SENT}, or
 * {@code FAILED} (given up)
 * @param attempts failed or successful sends so far
 * @param nextAttemptAt when the next send is due, while pending
 * @param sentAt when it was sent
 */
public record DeliveryView(String channel, String status, int attempts, Instant nextAttemptAt, Instant sentAt) {

}
