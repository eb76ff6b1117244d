package io.bazaar.runtime.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * An event to publish through the outbox. The implementing record is the payload,
 * serialised as JSON; these accessors fill the columns the relay needs.
 */
public interface OutboxEvent {

	UUID eventId();

	String type();

	Instant occurredAt();

	/**
	 * The id of the thing the event is about: the record key, so its events stay in
	 * order.
	 */
	String aggregateId();

	String traceparent();

}
