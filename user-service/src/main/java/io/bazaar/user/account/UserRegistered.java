package io.bazaar.user.account;

import java.time.Instant;
import java.util.UUID;

import io.bazaar.runtime.outbox.OutboxEvent;

/**
 * Published to {@code users.events.v1} when an account registers (schema in
 * {@code EVENTS.md}).
 *
 * @param eventId unique per event; consumers skip ids they have seen
 * @param type always {@code UserRegistered}
 * @param version the payload's schema version
 * @param occurredAt when the account registered
 * @param userId the new account's id (also the record key)
 * @param email the normalised email
 * @param displayName the display name given at registration
 * @param traceparent the W3C trace context of the registration request, if any
 */
public record UserRegistered(UUID eventId, String type, int version, Instant occurredAt, UUID userId, String email,
		String displayName, String traceparent) implements OutboxEvent {

	/** Where user events are published, keyed by user id. */
	public static final String TOPIC = "users.events.v1";

	static final String TYPE = "UserRegistered";

	static final int VERSION = 1;

	static UserRegistered of(Account account, String traceparent) {
		return new UserRegistered(UUID.randomUUID(), TYPE, VERSION, account.createdAt(), account.id(), account.email(),
				account.displayName(), traceparent);
	}

	@Override
	public String aggregateId() {
		return this.userId.toString();
	}

}
