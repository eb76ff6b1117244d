package io.bazaar.order.ordering;

import java.time.Instant;
import java.util.UUID;

/**
 * An order as a listing shows it.
 *
 * @param id the order's id
 * @param status where it stands
 * @param cancellationReason why it was cancelled, if it was
 * @param total what it costs
 * @param itemCount how many items it holds in all
 * @param createdAt when it was placed
 * @param updatedAt when it last changed
 */
public record OrderSummary(UUID id, OrderStatus status, CancellationReason cancellationReason, Money total,
		int itemCount, Instant createdAt, Instant updatedAt) {

}
