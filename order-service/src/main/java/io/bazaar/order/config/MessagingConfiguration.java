package io.bazaar.order.config;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics the order service owns, created at start-up when missing, and the topic and
 * group names as a bean listeners refer to ({@code #{@ordersMessaging...}}).
 * {@code inventory.events.v1} belongs to catalog-service and is not declared here.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	OrdersProperties.Messaging ordersMessaging(OrdersProperties properties) {
		return properties.messaging();
	}

	@Bean
	NewTopic orderEventsTopic(OrdersProperties properties) {
		return TopicBuilder.name(properties.messaging().orderEvents())
			.partitions(properties.messaging().orderEventPartitions())
			.build();
	}

	@Bean
	NewTopic paymentTasksTopic(OrdersProperties properties) {
		return TopicBuilder.name(properties.messaging().paymentTasks())
			.partitions(properties.messaging().paymentTaskPartitions())
			.build();
	}

	/** As many partitions as the task topic: a dead task keeps its partition. */
	@Bean
	NewTopic paymentDeadLettersTopic(OrdersProperties properties) {
		return TopicBuilder.name(properties.messaging().paymentDeadLetters())
			.partitions(properties.messaging().paymentTaskPartitions())
			.build();
	}

}
