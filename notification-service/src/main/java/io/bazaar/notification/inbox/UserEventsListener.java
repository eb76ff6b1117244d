package io.bazaar.notification.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes user-service's events: {@code UserRegistered}; other types are ignored. */
@Component
class UserEventsListener {

	static final String ID = "user-events";

	private static final Logger logger = LoggerFactory.getLogger(UserEventsListener.class);

	private final EventReader reader;

	private final InboxTracing tracing;

	private final Inbox inbox;

	UserEventsListener(EventReader reader, InboxTracing tracing, Inbox inbox) {
		this.reader = reader;
		this.tracing = tracing;
		this.inbox = inbox;
	}

	@KafkaListener(id = ID, idIsGroup = false, topics = "${notifications.inbox.users-topic}",
			autoStartup = "${notifications.inbox.enabled}")
	void onEvent(ConsumerRecord<String, String> record) {
		EventHeader header = this.reader.header(record.value());
		if (!UserRegistered.TYPE.equals(header.type())) {
			logger.debug("Ignored {} {}", header.type(), header.eventId());
			return;
		}
		Versions.requireSupported(header);
		UserRegistered event = this.reader.read(record.value(), UserRegistered.class);
		this.tracing.consume(header, () -> this.inbox.userRegistered(event));
	}

}
