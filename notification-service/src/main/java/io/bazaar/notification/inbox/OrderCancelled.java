package io.bazaar.notification.inbox;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * This service's reading of order-service's {@code OrderCancelled} (topic
 * {@code orders.events.v1}).
 *
 * @param eventId the event's id
 * @param orderId the order
 * @param userId who placed it
 * @param reason {@code insufficient-stock}, {@code payment-declined},
 * {@code payment-failed}, {@code customer-cancelled} or {@code timed-out}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderCancelled(@NotNull UUID eventId, @NotNull UUID orderId, @NotNull UUID userId, @NotBlank String reason) {

	static final String TYPE = "OrderCancelled";

}
