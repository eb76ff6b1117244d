package io.bazaar.order.payment;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.bazaar.order.events.EventJson;
import io.bazaar.order.events.PaymentRequested;
import io.bazaar.order.saga.OrderSaga;
import io.bazaar.order.saga.SagaStep;
import io.bazaar.runtime.inbox.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes the payment dead letter topic: a task whose retries were spent, or that could
 * not be read at all, cancels its order with {@code payment-failed}, which releases the
 * stock. The order is found from the task, or from the record key when the task is
 * unreadable. The dead letter stays on the topic for inspection.
 */
@Component
class PaymentDeadLetterListener {

	static final String CONSUMER = "payment-dead-letters";

	private static final Logger logger = LoggerFactory.getLogger(PaymentDeadLetterListener.class);

	private final EventJson json;

	private final ProcessedEvents processed;

	private final OrderSaga saga;

	private final PaymentLedger ledger;

	private final TransactionTemplate transactions;

	PaymentDeadLetterListener(EventJson json, ProcessedEvents processed, OrderSaga saga, PaymentLedger ledger,
			TransactionTemplate transactions) {
		this.json = json;
		this.processed = processed;
		this.saga = saga;
		this.ledger = ledger;
		this.transactions = transactions;
	}

	@KafkaListener(id = "payment-dead-letters", topics = "#{@ordersMessaging.paymentDeadLetters()}",
			groupId = "#{@ordersMessaging.deadLetterGroup()}", containerFactory = "paymentDeadLetterContainerFactory")
	void onDeadTask(ConsumerRecord<String, String> record) {
		PaymentRequested task = readOrNull(record.value());
		UUID orderId = (task != null && task.orderId() != null) ? task.orderId() : uuidOrNull(record.key());
		String cause = header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN) + ": "
				+ header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
		if (orderId == null) {
			logger.error("Dead payment task at {} names no order; left on the topic. Cause: {}",
					PaymentWorker.position(record), cause);
			return;
		}
		UUID deadLetterId = (task != null && task.eventId() != null) ? task.eventId()
				: UUID.nameUUIDFromBytes(PaymentWorker.position(record).getBytes(StandardCharsets.UTF_8));
		logger.warn("Payment of order {} failed for good: {}", orderId, cause);
		this.transactions.executeWithoutResult((tx) -> {
			if (!this.processed.markProcessed(CONSUMER, deadLetterId)) {
				return;
			}
			SagaStep step = this.saga.paymentFailed(orderId);
			if (step.applied()) {
				this.ledger.record(orderId, PaymentLedger.Status.FAILED, null);
			}
		});
	}

	private PaymentRequested readOrNull(String value) {
		try {
			return (value != null) ? this.json.read(value, PaymentRequested.class) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static UUID uuidOrNull(String key) {
		try {
			return (key != null) ? UUID.fromString(key) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "unknown";
	}

}
