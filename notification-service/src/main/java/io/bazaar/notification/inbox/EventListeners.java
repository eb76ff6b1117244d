package io.bazaar.notification.inbox;

import java.util.function.Consumer;

import io.bazaar.notification.config.NotificationsProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the events the inbox turns into notifications: user-service's
 * {@code UserRegistered}, order-service's {@code OrderConfirmed} and
 * {@code OrderCancelled}. Other types ({@code OrderPlaced}) are ignored; a supported type
 * in a version this service cannot read is refused ({@link Versions}).
 */
@Component
class EventListeners {

	static final String USER_EVENTS = "user-events";

	static final String ORDER_EVENTS = "order-events";

	private static final Logger logger = LoggerFactory.getLogger(EventListeners.class);

	private final EventReader reader;

	private final InboxTracing tracing;

	private final Inbox inbox;

	private final NotificationsProperties.Inbox settings;

	EventListeners(EventReader reader, InboxTracing tracing, Inbox inbox, NotificationsProperties properties) {
		this.reader = reader;
		this.tracing = tracing;
		this.inbox = inbox;
		this.settings = properties.inbox();
	}

	/** Read by the listeners' annotations ({@code __listener}). */
	public NotificationsProperties.Inbox getSettings() {
		return this.settings;
	}

	@KafkaListener(id = USER_EVENTS, idIsGroup = false, topics = "#{__listener.settings.usersTopic()}",
			autoStartup = "#{__listener.settings.enabled()}")
	void onUserEvent(ConsumerRecord<String, String> record) {
		EventHeader header = this.reader.header(record.value());
		if (UserRegistered.TYPE.equals(header.type())) {
			consume(header, record, UserRegistered.class, this.inbox::userRegistered);
		}
		else {
			ignore(header);
		}
	}

	@KafkaListener(id = ORDER_EVENTS, idIsGroup = false, topics = "#{__listener.settings.ordersTopic()}",
			autoStartup = "#{__listener.settings.enabled()}")
	void onOrderEvent(ConsumerRecord<String, String> record) {
		EventHeader header = this.reader.header(record.value());
		switch (header.type()) {
			case OrderConfirmed.TYPE -> consume(header, record, OrderConfirmed.class, this.inbox::orderConfirmed);
			case OrderCancelled.TYPE -> consume(header, record, OrderCancelled.class, this.inbox::orderCancelled);
			default -> ignore(header);
		}
	}

	private <E> void consume(EventHeader header, ConsumerRecord<String, String> record, Class<E> type,
			Consumer<E> effect) {
		Versions.requireSupported(header);
		E event = this.reader.read(record.value(), type);
		this.tracing.consume(header, () -> effect.accept(event));
	}

	private static void ignore(EventHeader header) {
		logger.debug("Ignored {} {}", header.type(), header.eventId());
	}

}
