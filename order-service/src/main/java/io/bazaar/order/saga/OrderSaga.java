package io.bazaar.order.saga;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.bazaar.order.ordering.CancellationReason;
import io.bazaar.order.ordering.Order;
import io.bazaar.order.ordering.OrderEvents;
import io.bazaar.order.ordering.OrderMetrics;
import io.bazaar.order.ordering.OrderRepository;
import io.bazaar.order.ordering.OrderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orchestrator of the order saga: each step moves one order along its state machine
 * in reaction to a participant's answer, and raises the next command or compensation:
 * <ul>
 * <li>stock reserved → queue the payment task;</li>
 * <li>stock rejected → cancel ({@code insufficient-stock}, nothing to release);</li>
 * <li>payment authorised → confirm ({@code OrderConfirmed}: the catalog commits its
 * reservation);</li>
 * <li>payment declined or failed → cancel ({@code OrderCancelled} with
 * {@code stockReserved}: the catalog releases its reservation);</li>
 * <li>no answer by the step's deadline, even after the step was driven again → cancel
 * ({@code timed-out}, released likewise).</li>
 * </ul>
 * A step that no longer applies (the customer cancelled meanwhile, a late or repeated
 * answer) changes nothing. Each step runs in its caller's transaction, which also records
 * the event that triggered it, so that a redelivered event is skipped.
 */
@Service
public class OrderSaga {

	private static final Logger logger = LoggerFactory.getLogger(OrderSaga.class);

	private final OrderRepository orders;

	private final OrderEvents events;

	private final OrderMetrics metrics;

	private final Clock clock;

	OrderSaga(OrderRepository orders, OrderEvents events, OrderMetrics metrics, Clock clock) {
		this.orders = orders;
		this.events = events;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** The catalog reserved the order's stock: the order waits for its payment. */
	@Transactional(propagation = Propagation.MANDATORY)
	public SagaStep stockReserved(UUID orderId) {
		return step(orderId, "StockReserved", OrderStatus.PENDING, (order) -> {
			order.stockReserved(this.clock.instant());
			this.orders.update(order);
			this.events.paymentRequested(order);
		});
	}

	/**
	 * The catalog could not reserve the order's stock: nothing is held, the order ends.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public SagaStep stockRejected(UUID orderId) {
		return step(orderId, "StockRejected", OrderStatus.PENDING,
				(order) -> cancel(order, CancellationReason.INSUFFICIENT_STOCK));
	}

	/** The payment went through: the order is confirmed. */
	@Transactional(propagation = Propagation.MANDATORY)
	public SagaStep paymentAuthorised(UUID orderId) {
		return step(orderId, "payment authorised", OrderStatus.STOCK_RESERVED, (order) -> {
			order.confirm(this.clock.instant());
			this.orders.update(order);
			this.events.confirmed(order);
			this.metrics.completed(order);
		});
	}

	/**
	 * The provider declined the payment: the order is cancelled and its stock released.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public SagaStep paymentDeclined(UUID orderId) {
		return step(orderId, "payment declined", OrderStatus.STOCK_RESERVED,
				(order) -> cancel(order, CancellationReason.PAYMENT_DECLINED));
	}

	/**
	 * The payment could not be completed (retries exhausted, or a task that cannot be
	 * processed): the order is cancelled and its stock released.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public SagaStep paymentFailed(UUID orderId) {
		return step(orderId, "payment failed", OrderStatus.STOCK_RESERVED,
				(order) -> cancel(order, CancellationReason.PAYMENT_FAILED));
	}

	/**
	 * The order waited in {@code awaited} past its deadline, and past it again after its
	 * step was driven again: it is cancelled and any stock released.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public SagaStep deadlinePassed(UUID orderId, OrderStatus awaited) {
		return step(orderId, "deadline", awaited, (order) -> cancel(order, CancellationReason.TIMED_OUT));
	}

	private void cancel(Order order, CancellationReason reason) {
		order.cancel(reason, this.clock.instant());
		this.orders.update(order);
		this.events.cancelled(order);
		this.metrics.completed(order);
	}

	/**
	 * Applies {@code change} if the order is in {@code expected}.
	 */
	private SagaStep step(UUID orderId, String trigger, OrderStatus expected, Consumer<Order> change) {
		Optional<Order> found = this.orders.lock(orderId);
		if (found.isEmpty()) {
			logger.warn("{} for unknown order {} ignored", trigger, orderId);
			return SagaStep.UNKNOWN_ORDER;
		}
		Order order = found.get();
		if (order.status() != expected) {
			logger.info("{} for order {} ignored: the order is {}", trigger, orderId, order.status());
			return new SagaStep(false, order.status());
		}
		change.accept(order);
		return new SagaStep(true, order.status());
	}

}
