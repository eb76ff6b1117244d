package io.bazaar.order.ordering;

import java.time.Instant;

/**
 * One step of an order's history.
 *
 * @param from the state left, {@code null} for the placement
 * @param to the state entered
 * @param reason why it was cancelled, for a cancellation
 * @param at when
 */
public record StatusChange(OrderStatus from, OrderStatus to, CancellationReason reason, Instant at) {

}
