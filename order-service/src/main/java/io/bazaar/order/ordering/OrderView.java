package io.bazaar.order.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An order as its owner sees it.
 *
 * @param id the order's id
 * @param userId who placed it
 * @param status where it stands
 * @param cancellationReason why it was cancelled ({@code insufficient-stock},
 * {@code payment-declined}, {@code payment-failed}, {@code customer-cancelled},
 * {@code timed-out}), or {@code null}
 * @param items its lines, priced as when it was placed
 * @param total what it costs
 * @param createdAt when it was placed
 * @param updatedAt when it last changed
 * @param history every state it went through, oldest first
 */
public record OrderView(UUID id, UUID userId, OrderStatus status, String cancellationReason, List<Item> items,
		Amount total, Instant createdAt, Instant updatedAt, List<HistoryEntry> history) {

	public static OrderView of(Order order) {
		return new OrderView(order.id(), order.userId(), order.status(), slug(order.cancellationReason()),
				order.lines()
					.stream()
					.map((line) -> new Item(line.productId(), line.sku(), line.name(), line.quantity(),
							Amount.of(line.unitPrice()), Amount.of(line.lineTotal())))
					.toList(),
				Amount.of(order.total()), order.createdAt(), order.updatedAt(),
				order.history()
					.stream()
					.map((change) -> new HistoryEntry(change.to(), slug(change.reason()), change.at()))
					.toList());
	}

	static String slug(CancellationReason reason) {
		return (reason != null) ? reason.slug() : null;
	}

	/** A line of the order. */
	public record Item(UUID productId, String sku, String name, int quantity, Amount unitPrice, Amount lineTotal) {

	}

	/**
	 * An amount of money, with the amount as a decimal string (as the catalog shows
	 * prices).
	 */
	public record Amount(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

		static Amount of(Money money) {
			return new Amount(money.amount(), money.currency());
		}

	}

	/** A state the order entered, and when. */
	public record HistoryEntry(OrderStatus status, String reason, Instant at) {

	}

}
