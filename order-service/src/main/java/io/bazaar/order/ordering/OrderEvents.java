package io.bazaar.order.ordering;

import java.time.Clock;
import java.util.UUID;

import io.bazaar.order.events.EventMetadata;
import io.bazaar.order.events.OrderCancelled;
import io.bazaar.order.events.OrderConfirmed;
import io.bazaar.order.events.OrderPlaced;
import io.bazaar.order.events.PaymentRequested;
import io.bazaar.order.events.TraceContext;
import io.bazaar.order.config.OrdersProperties;
import io.bazaar.order.events.Event;
import io.bazaar.runtime.outbox.Outbox;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raises the events of an order's lifecycle into the outbox, in the transaction that
 * changed the order.
 */
@Component
public class OrderEvents {

	private final Outbox outbox;

	private final TraceContext traceContext;

	private final Clock clock;

	private final OrdersProperties.Messaging topics;

	OrderEvents(Outbox outbox, TraceContext traceContext, Clock clock, OrdersProperties properties) {
		this.outbox = outbox;
		this.traceContext = traceContext;
		this.clock = clock;
		this.topics = properties.messaging();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void placed(Order order) {
		orderEvent(OrderPlaced.of(metadata(), order.id(), order.userId(),
				order.lines()
					.stream()
					.map((line) -> new OrderPlaced.Item(line.productId(), line.quantity(), line.unitPrice().amount(),
							line.unitPrice().currency()))
					.toList(),
				order.total().amount(), order.total().currency()));
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void confirmed(Order order) {
		orderEvent(OrderConfirmed.of(metadata(), order.id(), order.userId(),
				order.lines()
					.stream()
					.map((line) -> new OrderConfirmed.Item(line.productId(), line.sku(), line.name(), line.quantity(),
							line.unitPrice().amount(), line.unitPrice().currency()))
					.toList(),
				order.total().amount(), order.total().currency()));
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void cancelled(Order order) {
		CancellationReason reason = order.cancellationReason();
		orderEvent(
				OrderCancelled.of(metadata(), order.id(), order.userId(), reason.slug(), reason.catalogMayHoldStock()));
	}

	/** Queues the payment of an order whose stock is now reserved. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void paymentRequested(Order order) {
		paymentTask(PaymentRequested.of(metadata(), order.id(), order.userId(), order.total().amount(),
				order.total().currency()));
	}

	private void orderEvent(Event event) {
		this.outbox.append(this.topics.orderEvents(), event);
	}

	private void paymentTask(Event task) {
		this.outbox.append(this.topics.paymentTasks(), task);
	}

	private EventMetadata metadata() {
		return new EventMetadata(UUID.randomUUID(), this.clock.instant(), this.traceContext.currentTraceparent());
	}

}
