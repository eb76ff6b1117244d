package io.bazaar.order.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An order: its lines with the prices snapshotted when it was placed, its single currency
 * and total, and its state, which only moves along {@link OrderStatus}'s transitions,
 * each recorded in its history.
 */
public final class Order {

	private final UUID id;

	private final UUID userId;

	private final List<OrderLine> lines;

	private final Money total;

	private final Instant createdAt;

	private final List<StatusChange> history;

	private final int savedChanges;

	private OrderStatus status;

	private CancellationReason cancellationReason;

	private Instant updatedAt;

	private Order(UUID id, UUID userId, List<OrderLine> lines, OrderStatus status,
			CancellationReason cancellationReason, Instant createdAt, Instant updatedAt, List<StatusChange> history,
			int savedChanges) {
		this.id = Objects.requireNonNull(id, "id");
		this.userId = Objects.requireNonNull(userId, "userId");
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("An order needs at least one line");
		}
		this.lines = List.copyOf(lines);
		this.total = totalOf(this.lines);
		this.status = status;
		this.cancellationReason = cancellationReason;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
		this.history = new ArrayList<>(history);
		this.savedChanges = savedChanges;
	}

	/**
	 * A new order, {@link OrderStatus#PENDING PENDING} until the catalog has reserved its
	 * stock.
	 * @throws MixedCurrencyException when its lines are priced in different currencies
	 */
	public static Order place(UUID id, UUID userId, List<OrderLine> lines, Instant at) {
		return new Order(id, userId, lines, OrderStatus.PENDING, null, at, at,
				List.of(new StatusChange(null, OrderStatus.PENDING, null, at)), 0);
	}

	static Order restore(UUID id, UUID userId, List<OrderLine> lines, OrderStatus status,
			CancellationReason cancellationReason, Instant createdAt, Instant updatedAt, List<StatusChange> history) {
		return new Order(id, userId, lines, status, cancellationReason, createdAt, updatedAt, history, history.size());
	}

	private static Money totalOf(List<OrderLine> lines) {
		String currency = lines.get(0).unitPrice().currency();
		Money total = new Money(BigDecimal.ZERO, currency);
		for (OrderLine line : lines) {
			if (!line.unitPrice().currency().equals(currency)) {
				throw new MixedCurrencyException(
						lines.stream().map((l) -> l.unitPrice().currency()).distinct().toList());
			}
			total = total.plus(line.lineTotal());
		}
		return total;
	}

	/** The catalog reserved every line: the order waits for its payment. */
	public void stockReserved(Instant at) {
		moveTo(OrderStatus.STOCK_RESERVED, null, at);
	}

	/** The payment went through. */
	public void confirm(Instant at) {
		moveTo(OrderStatus.CONFIRMED, null, at);
	}

	/**
	 * Cancels the order.
	 * @throws IllegalTransitionException when it is already confirmed or cancelled
	 */
	public void cancel(CancellationReason reason, Instant at) {
		moveTo(OrderStatus.CANCELLED, Objects.requireNonNull(reason, "reason"), at);
	}

	private void moveTo(OrderStatus target, CancellationReason reason, Instant at) {
		if (!this.status.canMoveTo(target)) {
			throw new IllegalTransitionException(this.id, this.status, target);
		}
		this.history.add(new StatusChange(this.status, target, reason, at));
		this.status = target;
		this.cancellationReason = reason;
		this.updatedAt = at;
	}

	/** Whether this caller may see the order at all: its owner or an administrator. */
	public boolean isVisibleTo(UUID callerId, boolean admin) {
		return admin || this.userId.equals(callerId);
	}

	public UUID id() {
		return this.id;
	}

	public UUID userId() {
		return this.userId;
	}

	public List<OrderLine> lines() {
		return this.lines;
	}

	public Money total() {
		return this.total;
	}

	public OrderStatus status() {
		return this.status;
	}

	/** Why the order was cancelled; {@code null} unless it is. */
	public CancellationReason cancellationReason() {
		return this.cancellationReason;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public List<StatusChange> history() {
		return List.copyOf(this.history);
	}

	/** The steps taken since the order was loaded or placed, which are not stored yet. */
	List<StatusChange> unsavedChanges() {
		return this.history.subList(this.savedChanges, this.history.size());
	}

	int savedChangeCount() {
		return this.savedChanges;
	}

}
