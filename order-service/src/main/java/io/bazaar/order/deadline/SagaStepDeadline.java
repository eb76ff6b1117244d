package io.bazaar.order.deadline;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import io.bazaar.order.config.OrdersProperties;
import io.bazaar.order.events.OrderPlaced;
import io.bazaar.order.events.PaymentRequested;
import io.bazaar.order.ordering.OrderStatus;

/**
 * The saga steps that wait on a participant: the state an order waits in, the command it
 * waits on an answer to, and the setting that bounds the wait.
 */
enum SagaStepDeadline {

	/** {@code PENDING}: the catalog answers {@code OrderPlaced}. */
	AWAITING_STOCK("awaiting-stock", OrderStatus.PENDING, OrderPlaced.TYPE),

	/** {@code STOCK_RESERVED}: a payment worker settles {@code PaymentRequested}. */
	AWAITING_PAYMENT("awaiting-payment", OrderStatus.STOCK_RESERVED, PaymentRequested.TYPE);

	private final String slug;

	private final OrderStatus status;

	private final String command;

	SagaStepDeadline(String slug, OrderStatus status, String command) {
		this.slug = slug;
		this.status = status;
		this.command = command;
	}

	static Optional<SagaStepDeadline> of(OrderStatus status) {
		return Arrays.stream(values()).filter((step) -> step.status == status).findFirst();
	}

	Duration deadline(OrdersProperties.Deadlines settings) {
		return switch (this) {
			case AWAITING_STOCK -> settings.awaitingStock();
			case AWAITING_PAYMENT -> settings.awaitingPayment();
		};
	}

	String slug() {
		return this.slug;
	}

	OrderStatus status() {
		return this.status;
	}

	String command() {
		return this.command;
	}

}
