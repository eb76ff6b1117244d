package io.bazaar.notification.config;

import io.bazaar.notification.inbox.InvalidEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How the event consumers handle failures. An event that cannot be read is logged and
 * skipped: retrying cannot fix it. Any other failure (the database is down, say) is
 * retried with a growing pause, without end: the partition waits rather than losing the
 * event, and the idempotent consumer makes the retries safe.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(KafkaConfiguration.class);

	@Bean
	DefaultErrorHandler kafkaErrorHandler() {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(30_000);
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> logger.warn(
				"Skipped the unreadable event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
				(ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage()), backOff);
		handler.addNotRetryableExceptions(InvalidEventException.class);
		handler.setLogLevel(KafkaException.Level.WARN);
		return handler;
	}

}
