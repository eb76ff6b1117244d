package io.bazaar.runtime.deadletter;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Dead letters of every service with Kafka consumers that declares its
 * {@link ConsumerDeadLetters}: their topics are created at start-up.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnBean(ConsumerDeadLetters.class)
public class DeadLetterAutoConfiguration {

	@Bean
	KafkaAdmin.NewTopics deadLetterTopics(ObjectProvider<ConsumerDeadLetters> consumers) {
		return new KafkaAdmin.NewTopics(consumers.orderedStream()
			.flatMap((consumer) -> consumer.newTopics().stream())
			.toArray(NewTopic[]::new));
	}

}
