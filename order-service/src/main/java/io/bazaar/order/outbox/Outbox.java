package io.bazaar.order.outbox;

import java.time.ZoneOffset;

import io.bazaar.order.config.OrdersProperties;
import io.bazaar.order.events.Event;
import io.bazaar.order.events.EventJson;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox: an event is written in the same transaction as the change it
 * describes, so it exists if and only if the change was committed. {@link OutboxRelay}
 * publishes it afterwards.
 */
@Component
public class Outbox {

	private final JdbcClient jdbc;

	private final EventJson json;

	private final OrdersProperties.Messaging messaging;

	Outbox(JdbcClient jdbc, EventJson json, OrdersProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.messaging = properties.messaging();
	}

	/** Queues an event of the order lifecycle for {@code orders.events.v1}. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void orderEvent(Event event) {
		append(this.messaging.orderEvents(), event);
	}

	/** Queues a task for the payment workers ({@code payments.tasks.v1}). */
	@Transactional(propagation = Propagation.MANDATORY)
	public void paymentTask(Event task) {
		append(this.messaging.paymentTasks(), task);
	}

	private void append(String topic, Event event) {
		this.jdbc.sql("""
				INSERT INTO outbox_event (id, topic, aggregate_id, event_type, payload, traceparent, occurred_at)
				VALUES (:id, :topic, :aggregateId, :type, CAST(:payload AS jsonb), :traceparent, :occurredAt)
				""")
			.param("id", event.eventId())
			.param("topic", topic)
			.param("aggregateId", event.orderId().toString())
			.param("type", event.type())
			.param("payload", this.json.write(event))
			.param("traceparent", event.traceparent())
			.param("occurredAt", event.occurredAt().atOffset(ZoneOffset.UTC))
			.update();
	}

}
