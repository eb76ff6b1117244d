package io.bazaar.order.payment;

import io.bazaar.order.events.EventJson;
import io.bazaar.order.events.PaymentRequested;
import io.bazaar.order.events.ProcessedEvents;
import io.bazaar.order.ordering.Money;
import io.bazaar.order.ordering.OrderRepository;
import io.bazaar.order.ordering.OrderStatus;
import io.bazaar.order.saga.OrderSaga;
import io.bazaar.order.saga.SagaStep;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One of the competing consumers of the payment task queue. For each task it charges the
 * order through the provider, then, in one transaction, records the task as processed and
 * moves the order on (confirmed or cancelled). A transient provider failure is thrown so
 * that the container retries the task with exponential backoff and, once the attempts are
 * spent, moves it to the dead letter topic; a task that cannot be read goes there at
 * once.
 * <p>
 * A customer may cancel while the charge is in flight: the order's row lock makes the
 * cancellation and the result apply one after the other, and an authorisation that
 * arrives for a cancelled order is voided.
 */
@Component
class PaymentWorker {

	static final String LISTENER_ID = "payment-workers";

	static final String CONSUMER = "payment-worker";

	private static final Logger logger = LoggerFactory.getLogger(PaymentWorker.class);

	private final EventJson json;

	private final ProcessedEvents processed;

	private final OrderRepository orders;

	private final OrderSaga saga;

	private final PaymentProvider provider;

	private final PaymentLedger ledger;

	private final TransactionTemplate transactions;

	PaymentWorker(EventJson json, ProcessedEvents processed, OrderRepository orders, OrderSaga saga,
			PaymentProvider provider, PaymentLedger ledger, TransactionTemplate transactions) {
		this.json = json;
		this.processed = processed;
		this.orders = orders;
		this.saga = saga;
		this.provider = provider;
		this.ledger = ledger;
		this.transactions = transactions;
	}

	@KafkaListener(id = LISTENER_ID, topics = "#{@ordersMessaging.paymentTasks()}",
			groupId = "#{@ordersMessaging.paymentGroup()}", containerFactory = "paymentListenerContainerFactory",
			clientIdPrefix = "payment-worker", properties = "max.poll.records=10")
	void onTask(ConsumerRecord<String, String> record) {
		PaymentRequested task = read(record);
		if (this.processed.isProcessed(CONSUMER, task.eventId())) {
			logger.info("Payment task {} for order {} was already processed", task.eventId(), task.orderId());
			return;
		}
		OrderStatus status = this.orders.findStatus(task.orderId())
			.orElseThrow(() -> new PoisonTaskException("Payment task for unknown order " + task.orderId(), null));
		if (status != OrderStatus.STOCK_RESERVED) {
			skip(task, status);
			return;
		}
		PaymentProvider.Authorisation authorisation = this.provider.authorise(task.orderId(),
				new Money(task.amount(), task.currency()));
		Boolean mustVoid = this.transactions.execute((tx) -> settle(task, authorisation));
		if (Boolean.TRUE.equals(mustVoid)) {
			logger.info("Order {} was cancelled while its payment was authorised; voiding the authorisation",
					task.orderId());
			this.provider.voidAuthorisation(task.orderId());
		}
	}

	/**
	 * Applies the provider's answer; returns whether the authorisation must be voided.
	 */
	private boolean settle(PaymentRequested task, PaymentProvider.Authorisation authorisation) {
		if (!this.processed.markProcessed(CONSUMER, task.eventId())) {
			return false;
		}
		if (!authorisation.approved()) {
			SagaStep step = this.saga.paymentDeclined(task.orderId());
			if (step.applied()) {
				this.ledger.record(task.orderId(), PaymentLedger.Status.DECLINED, authorisation.reference());
			}
			return false;
		}
		SagaStep step = this.saga.paymentAuthorised(task.orderId());
		if (step.status() == OrderStatus.CONFIRMED) {
			this.ledger.record(task.orderId(), PaymentLedger.Status.AUTHORISED, authorisation.reference());
			return false;
		}
		this.ledger.record(task.orderId(), PaymentLedger.Status.VOIDED, authorisation.reference());
		return true;
	}

	private void skip(PaymentRequested task, OrderStatus status) {
		logger.info("Payment task {} skipped: order {} is {}", task.eventId(), task.orderId(), status);
		this.transactions.executeWithoutResult((tx) -> this.processed.markProcessed(CONSUMER, task.eventId()));
	}

	private PaymentRequested read(ConsumerRecord<String, String> record) {
		PaymentRequested task;
		try {
			task = this.json.read(record.value(), PaymentRequested.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new PoisonTaskException("Payment task at " + position(record) + " is not a PaymentRequested", ex);
		}
		if (task == null || task.eventId() == null || task.orderId() == null || task.amount() == null
				|| task.currency() == null) {
			throw new PoisonTaskException("Payment task at " + position(record) + " lacks required fields", null);
		}
		try {
			new Money(task.amount(), task.currency());
		}
		catch (RuntimeException ex) {
			throw new PoisonTaskException("Payment task at " + position(record) + " has an invalid amount", ex);
		}
		return task;
	}

	static String position(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

}
