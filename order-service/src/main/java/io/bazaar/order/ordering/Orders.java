package io.bazaar.order.ordering;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a customer (or an administrator) does with existing orders. */
@Service
public class Orders {

	private final OrderRepository repository;

	private final OrderEvents events;

	private final OrderMetrics metrics;

	private final Clock clock;

	Orders(OrderRepository repository, OrderEvents events, OrderMetrics metrics, Clock clock) {
		this.repository = repository;
		this.events = events;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * @throws OrderNotFoundException when there is no such order or the caller may not
	 * see it
	 */
	public Order get(UUID id, Caller caller) {
		return this.repository.findById(id)
			.filter((order) -> order.isVisibleTo(caller.userId(), caller.admin()))
			.orElseThrow(() -> new OrderNotFoundException(id));
	}

	/** The caller's own orders, newest first. */
	public Page list(Caller caller, int page, int size) {
		List<OrderSummary> content = this.repository.findByUser(caller.userId(), page, size);
		return new Page(content, page, size, this.repository.countByUser(caller.userId()));
	}

	/**
	 * Cancels an order whose payment has not completed. The catalog releases whatever
	 * stock it holds for it; a payment still in flight is voided when it completes.
	 * @throws OrderNotCancellableException when the order is already confirmed or
	 * cancelled
	 */
	@Transactional
	public Order cancel(UUID id, Caller caller) {
		Order order = this.repository.lock(id)
			.filter((candidate) -> candidate.isVisibleTo(caller.userId(), caller.admin()))
			.orElseThrow(() -> new OrderNotFoundException(id));
		if (order.status().isFinal()) {
			throw new OrderNotCancellableException(id, order.status());
		}
		order.cancel(CancellationReason.CUSTOMER_CANCELLED, this.clock.instant());
		this.repository.update(order);
		this.events.cancelled(order);
		this.metrics.completed(order);
		return order;
	}

	/**
	 * A page of orders.
	 *
	 * @param content the orders on this page
	 * @param page the page number, from 0
	 * @param size the page size asked for
	 * @param totalElements how many orders there are in all
	 */
	public record Page(List<OrderSummary> content, int page, int size, long totalElements) {

		public long totalPages() {
			return (this.totalElements + this.size - 1) / this.size;
		}

	}

}
