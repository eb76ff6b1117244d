package io.bazaar.notification.config;

import java.util.List;

import io.bazaar.notification.inbox.InvalidEventException;
import io.bazaar.runtime.deadletter.ConsumerDeadLetters;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * How the event consumers handle failures. An event that cannot be read (not JSON,
 * missing or malformed fields, a version this service does not read) goes at once to its
 * topic's dead letter topic, {@code <topic>.<group>.dlt}, for inspection and replay: the
 * events behind it keep flowing. A failure while the database is away is retried with a
 * growing pause, without end: the partition waits rather than losing the event, and the
 * idempotent consumer makes the retries safe. Any other failure is retried ten times,
 * then dead-lettered (see {@link ConsumerDeadLetters}).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	ConsumerDeadLetters inboxDeadLetters(@Value("${spring.kafka.consumer.group-id}") String group,
			NotificationsProperties properties) {
		return new ConsumerDeadLetters(group,
				List.of(properties.inbox().usersTopic(), properties.inbox().ordersTopic()));
	}

	@Bean
	DefaultErrorHandler kafkaErrorHandler(ConsumerDeadLetters inboxDeadLetters, KafkaTemplate<?, ?> kafkaTemplate) {
		return inboxDeadLetters.errorHandler(kafkaTemplate, InvalidEventException.class);
	}

}
