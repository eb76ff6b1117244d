package io.bazaar.runtime.deadletter;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the dead letter store.
 *
 * @param group the consumer group that stores the dead letters of this service's
 * consumers; {@code <spring.application.name>-dead-letters} when not set
 */
@ConfigurationProperties("platform.dead-letters")
public record DeadLetterProperties(String group) {

}
