package io.bazaar.order.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A task on the order service's own payment queue: charge the order's total. Raised when
 * the order's stock is reserved.
 */
public record PaymentRequested(UUID eventId, String type, int version, Instant occurredAt, UUID orderId,
		String traceparent, UUID userId, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
		String currency) implements Event {

	public static final String TYPE = "PaymentRequested";

	public static PaymentRequested of(EventMetadata metadata, UUID orderId, UUID userId, BigDecimal amount,
			String currency) {
		return new PaymentRequested(metadata.eventId(), TYPE, 1, metadata.occurredAt(), orderId, metadata.traceparent(),
				userId, amount, currency);
	}

}
