package io.bazaar.user.config;

import io.bazaar.user.account.UserRegistered;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topic user events are published to, created when missing (broker's default
 * replication).
 */
@Configuration(proxyBeanMethods = false)
class EventTopicsConfiguration {

	private static final int PARTITIONS = 3;

	@Bean
	NewTopic usersEventsTopic() {
		return TopicBuilder.name(UserRegistered.TOPIC).partitions(PARTITIONS).build();
	}

}
