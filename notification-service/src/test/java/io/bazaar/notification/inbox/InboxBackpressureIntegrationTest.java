package io.bazaar.notification.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.bazaar.notification.support.Events;
import io.bazaar.notification.support.NotificationServiceIntegrationTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the workers unable to send (SMTP down), the delivery backlog grows to its bound
 * and the consumers pause: the remaining events wait in Kafka instead of piling up in the
 * queue. Once the server is back the backlog drains, consumption resumes and every order
 * gets exactly one e-mail. Runs on topics of its own, with a bound of 3.
 */
@TestPropertySource(properties = { "notifications.inbox.users-topic=backpressure-test.users.events.v1",
		"notifications.inbox.orders-topic=" + InboxBackpressureIntegrationTest.ORDERS_TOPIC,
		"spring.kafka.consumer.group-id=notification-service-backpressure-test",
		"spring.kafka.consumer.max-poll-records=1", "notifications.inbox.pause-above=3",
		"notifications.inbox.resume-below=1", "notifications.delivery.max-attempts=1000" })
class InboxBackpressureIntegrationTest extends NotificationServiceIntegrationTestBase {

	static final String ORDERS_TOPIC = "backpressure-test.orders.events.v1";

	private static final int ORDERS = 12;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private KafkaAdmin kafkaAdmin;

	@Test
	void consumersPauseWhileTheDeliveryQueueIsFullAndResumeOnceItDrains() throws Exception {
		String email = newEmail();
		UUID user = registeredUser(email, "Ada");
		MessageListenerContainer orderEvents = this.listeners.getListenerContainer("order-events");
		// The events must meet a running consumer: one still joining its group when they
		// are sent would take them all at once, faster than the backlog is checked. Its
		// topic is created first: it would otherwise appear only with the first event.
		this.kafkaAdmin.createOrModifyTopics(TopicBuilder.name(ORDERS_TOPIC).partitions(1).replicas(1).build());
		eventually()
			.until(() -> orderEvents.getAssignedPartitions() != null && !orderEvents.getAssignedPartitions().isEmpty());
		smtp().stop();
		List<UUID> orders = new ArrayList<>();

		for (int i = 0; i < ORDERS; i++) {
			UUID orderId = UUID.randomUUID();
			orders.add(orderId);
			events().orderConfirmed(orderId, user, List.of(Events.item("TEA-1", "Teapot", 1, "10.00", "EUR")), "10.00",
					"EUR");
			Thread.sleep(500);
		}

		eventually().until(orderEvents::isPauseRequested);
		assertThat(this.meters.get("notifications.inbox.paused").gauge().value()).isEqualTo(1);
		long acceptedWhilePaused = orderNotifications(user);
		assertThat(acceptedWhilePaused).isGreaterThan(3).isLessThan(ORDERS);
		Thread.sleep(Duration.ofSeconds(2).toMillis());
		assertThat(orderNotifications(user)).isEqualTo(acceptedWhilePaused);
		assertThat(orderEvents.isPauseRequested()).isTrue();

		smtp().start();

		eventually().until(() -> orderNotifications(user) == ORDERS);
		for (UUID orderId : orders) {
			eventually().until(() -> emailsAbout(email, orderId).size() == 1);
		}
		eventually().until(() -> !orderEvents.isPauseRequested());
		assertThat(smtp().messagesTo(email)).hasSize(ORDERS);
	}

	private long orderNotifications(UUID user) throws Exception {
		return json(get("/api/notifications?size=100", token(user))).path("items")
			.valueStream()
			.filter((item) -> "ORDER_CONFIRMED".equals(item.path("type").asString()))
			.count();
	}

}
