package io.bazaar.order.saga;

import io.bazaar.order.events.EventJson;
import io.bazaar.order.events.InventoryEvent;
import io.bazaar.runtime.inbox.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes catalog-service's inventory events and hands each to the saga, recording its
 * id in the same transaction so that a redelivery changes nothing. Event types it does
 * not know are skipped: the catalog may publish other facts on the same topic. An event
 * it cannot apply (not JSON, ids missing, a version other than {@value #READ_VERSION})
 * goes to the dead letter topic.
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

	InventoryEventListener(EventJson json, ProcessedEvents processed, OrderSaga saga,
			TransactionTemplate transactions) {
		this.json = json;
		this.processed = processed;
		this.saga = saga;
		this.transactions = transactions;
	}

	@KafkaListener(id = "saga-inventory-events", topics = "#{@ordersMessaging.inventoryEvents()}",
			groupId = "#{@ordersMessaging.sagaGroup()}", containerFactory = "sagaListenerContainerFactory")
	void onInventoryEvent(ConsumerRecord<String, String> record) {
		InventoryEvent event = read(record);
		if (!InventoryEvent.STOCK_RESERVED.equals(event.type())
				&& !InventoryEvent.STOCK_REJECTED.equals(event.type())) {
			logger.debug("Inventory event of type {} skipped", event.type());
			return;
		}
		if (event.version() == null || event.version() != READ_VERSION) {
			throw malformed(record, "is " + event.type() + " of version " + event.version()
					+ "; this consumer reads version " + READ_VERSION, null);
		}
		if (event.eventId() == null || event.orderId() == null) {
			throw malformed(record, "lacks its eventId or orderId", null);
		}
		this.transactions.executeWithoutResult((status) -> {
			if (!this.processed.markProcessed(CONSUMER, event.eventId())) {
				logger.info("Inventory event {} ({}) for order {} was already applied", event.eventId(), event.type(),
						event.orderId());
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

	private static MalformedEventException malformed(ConsumerRecord<String, String> record, String problem,
			Throwable cause) {
		return new MalformedEventException("Inventory event at " + record.topic() + "-" + record.partition() + "@"
				+ record.offset() + " " + problem, cause);
	}

}
