package io.bazaar.order.ordering;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A page of the caller's orders, newest first.
 *
 * @param content the orders on this page
 * @param page the page number, from 0
 * @param size the page size
 * @param totalElements how many orders the caller has
 * @param totalPages how many pages of this size there are
 */
record OrderListView(List<Entry> content, int page, int size, long totalElements, long totalPages) {

	static OrderListView of(Orders.Page page) {
		return new OrderListView(page.content()
			.stream()
			.map((order) -> new Entry(order.id(), order.status(), OrderView.slug(order.cancellationReason()),
					new OrderView.Amount(order.total().amount(), order.total().currency()), order.itemCount(),
					order.createdAt(), order.updatedAt()))
			.toList(), page.page(), page.size(), page.totalElements(), page.totalPages());
	}

	/** An order in a listing. */
	record Entry(UUID id, OrderStatus status, String cancellationReason, OrderView.Amount total, int itemCount,
			Instant createdAt, Instant updatedAt) {

	}

}
