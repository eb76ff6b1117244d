package io.bazaar.notification.inbox;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The envelope fields every event carries, read first to decide whether and how to read
 * the rest.
 *
 * @param eventId the event's id
 * @param type e.g. {@code OrderConfirmed}
 * @param version the version of the type's schema
 * @param traceparent the W3C trace context of the change that caused the event
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record EventHeader(UUID eventId, String type, Integer version, String traceparent) {

	static final int SUPPORTED_VERSION = 1;

}
