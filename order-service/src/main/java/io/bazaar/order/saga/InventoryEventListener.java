package io.bazaar.order.saga;

import java.util.ArrayList;
import java.util.List;

import io.bazaar.order.events.EventJson;
import io.bazaar.order.events.InventoryEvent;
import io.bazaar.order.events.TraceContext;
import io.bazaar.runtime.inbox.ProcessedEvents;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes catalog-service's inventory events and hands each to the saga, recording its
 * id in the same transaction so that a redelivery changes nothing. The events of one poll
 * are applied in one transaction, in the order they came, each in the trace that raised
 * it: under load a poll brings many, and one commit serves them all. Event types it does
 * not know are skipped: the catalog may publish other facts on the same topic. An event
 * it cannot apply (not JSON, ids missing, a version other than {@value #READ_VERSION})
 * goes to the dead letter topic, after the events before it are applied and before those
 * behind it are.
 */
@Component
class InventoryEventListener {

	static final String CONSUMER = "saga-inventory-events";

	/** The version of the inventory events this service reads (EVENTS.md). */
	static final int READ_VERSION = 1;

	private static final Logger logger = LoggerFactory.getLogger(InventoryEventListener.class);

	private final EventJson json;

	private final ProcessedEvents processed;

	private final OrderSaga saga;

	private final TransactionTemplate transactions;

	private final TraceContext traces;

	InventoryEventListener(EventJson json, ProcessedEvents processed, OrderSaga saga, TransactionTemplate transactions,
			TraceContext traces) {
		this.traces = traces;
		this.json = json;
		this.processed = processed;
		this.saga = saga;
		this.transactions = transactions;
	}

	@KafkaListener(id = "saga-inventory-events", topics = "#{@ordersMessaging.inventoryEvents()}",
			groupId = "#{@ordersMessaging.sagaGroup()}", containerFactory = "sagaListenerContainerFactory",
			batch = "true")
	void onInventoryEvents(List<ConsumerRecord<String, String>> records) {
		List<Applicable> run = new ArrayList<>(records.size());
		for (int index = 0; index < records.size(); index++) {
			InventoryEvent event;
			try {
				event = applicable(records.get(index));
			}
			catch (RuntimeException ex) {
				applyAll(run);
				throw new BatchListenerFailedException(String.valueOf(ex.getMessage()), ex, index);
			}
			if (event != null) {
				run.add(new Applicable(index, records.get(index), event));
			}
		}
		applyAll(run);
	}

	/**
	 * The event a record carries, or {@code null} for a type this consumer does not act
	 * on.
	 */
	private InventoryEvent applicable(ConsumerRecord<String, String> record) {
		InventoryEvent event = read(record);
		if (!InventoryEvent.STOCK_RESERVED.equals(event.type())
				&& !InventoryEvent.STOCK_REJECTED.equals(event.type())) {
			logger.debug("Inventory event of type {} skipped", event.type());
			return null;
		}
		if (event.version() == null || event.version() != READ_VERSION) {
			throw malformed(record, "is " + event.type() + " of version " + event.version()
					+ "; this consumer reads version " + READ_VERSION, null);
		}
		if (event.eventId() == null || event.orderId() == null) {
			throw malformed(record, "lacks its eventId or orderId", null);
		}
		return event;
	}

	/**
	 * Applies the events in one transaction. When it fails, applies them one transaction
	 * each, to tell which event failed: those before it are kept, and the error handler
	 * retries or dead-letters that one and receives those after it again.
	 */
	private void applyAll(List<Applicable> run) {
		if (run.isEmpty()) {
			return;
		}
		try {
			this.transactions.executeWithoutResult((status) -> run.forEach(this::apply));
		}
		catch (RuntimeException batchFailure) {
			for (Applicable applicable : run) {
				try {
					this.transactions.executeWithoutResult((status) -> apply(applicable));
				}
				catch (RuntimeException ex) {
					throw new BatchListenerFailedException("Inventory event " + applicable.event().eventId()
							+ " for order " + applicable.event().orderId() + " could not be applied", ex,
							applicable.index());
				}
			}
		}
	}

	/** Applies one event within the caller's transaction, in the trace that raised it. */
	private void apply(Applicable applicable) {
		InventoryEvent event = applicable.event();
		Span span = this.traces.continued(applicable.record(), "inventory-event");
		try {
			this.traces.within(span, () -> {
				if (!this.processed.markProcessed(CONSUMER, event.eventId())) {
					logger.info("Inventory event {} ({}) for order {} was already applied", event.eventId(),
							event.type(), event.orderId());
					return;
				}
				if (InventoryEvent.STOCK_RESERVED.equals(event.type())) {
					this.saga.stockReserved(event.orderId());
				}
				else {
					this.saga.stockRejected(event.orderId());
				}
			});
		}
		finally {
			span.end();
		}
	}

	private InventoryEvent read(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			throw malformed(record, "has no value", null);
		}
		try {
			InventoryEvent event = this.json.read(record.value(), InventoryEvent.class);
			if (event == null) {
				throw malformed(record, "is not a JSON object", null);
			}
			return event;
		}
		catch (JacksonException ex) {
			throw malformed(record, "is not a readable inventory event", ex);
		}
	}

	private record Applicable(int index, ConsumerRecord<String, String> record, InventoryEvent event) {

	}

	private static MalformedEventException malformed(ConsumerRecord<String, String> record, String problem,
			Throwable cause) {
		return new MalformedEventException("Inventory event at " + record.topic() + "-" + record.partition() + "@"
				+ record.offset() + " " + problem, cause);
	}

}
