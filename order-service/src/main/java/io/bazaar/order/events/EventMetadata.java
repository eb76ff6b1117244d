package io.bazaar.order.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope fields of an event about to be raised.
 *
 * @param eventId a fresh id
 * @param occurredAt when the change it describes happened
 * @param traceparent the W3C trace context of the change
 */
public record EventMetadata(UUID eventId, Instant occurredAt, String traceparent) {

}
