package io.bazaar.notification.inbox;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.bazaar.notification.support.Events;
import io.bazaar.notification.support.NotificationServiceIntegrationTestBase;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service may start before user-service and order-service have created their topics.
 * Its consumers must not create them (they would get the broker's default partition
 * count, and partitions added later by the owner stay unseen until the next metadata
 * refresh, minutes later); they wait, and consume every partition once the owners create
 * the topics. Runs on topics of its own, created only during the test.
 */
@TestPropertySource(properties = { "notifications.inbox.users-topic=late-topics-test.users.events.v1",
		"notifications.inbox.orders-topic=late-topics-test.orders.events.v1",
		"spring.kafka.consumer.group-id=notification-service-late-topics-test" })
class TopicsCreatedAfterStartupIntegrationTest extends NotificationServiceIntegrationTestBase {

	private static final int USER_PARTITIONS = 3;

	private static final int ORDER_PARTITIONS = 6;

	@Autowired
	private KafkaAdmin kafkaAdmin;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Test
	void consumersLeaveMissingTopicsToTheirOwnersAndReadEveryPartitionOnceTheyExist() throws Exception {
		String usersTopic = this.properties.inbox().usersTopic();
		String ordersTopic = this.properties.inbox().ordersTopic();
		eventually().until(() -> List.of(EventListeners.USER_EVENTS, EventListeners.ORDER_EVENTS)
			.stream()
			.map(this.listeners::getListenerContainer)
			.allMatch(MessageListenerContainer::isRunning));
		// The consumers have asked the broker about their topics by now, several times
		// over.
		Thread.sleep(Duration.ofSeconds(3).toMillis());
		assertThat(topicNames()).as("topics after the consumers started").doesNotContain(usersTopic, ordersTopic);

		this.kafkaAdmin.createOrModifyTopics(TopicBuilder.name(usersTopic).partitions(USER_PARTITIONS).build(),
				TopicBuilder.name(ordersTopic).partitions(ORDER_PARTITIONS).build());
		UUID user = UUID.randomUUID();
		UUID order = UUID.randomUUID();
		events().sendToPartition(events().newUserRegistered(user, newEmail(), "Lin"), USER_PARTITIONS - 1);
		events().sendToPartition(events().newOrderConfirmed(order, user,
				List.of(Events.item("MUG-1", "Mug", 1, "8.00", "EUR")), "8.00", "EUR"), ORDER_PARTITIONS - 1);

		notificationAbout(user, order, "ORDER_CONFIRMED");
		assertThat(historyOnceItShows(user, (page) -> page.path("items").size() == 2).path("items")
			.valueStream()
			.map((item) -> item.path("type").asString())).containsExactlyInAnyOrder("WELCOME", "ORDER_CONFIRMED");
	}

	private Set<String> topicNames() throws Exception {
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			return admin.listTopics().names().get(30, TimeUnit.SECONDS);
		}
	}

}
