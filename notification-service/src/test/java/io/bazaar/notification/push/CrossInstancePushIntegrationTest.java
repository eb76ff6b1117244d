package io.bazaar.notification.push;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.bazaar.notification.support.Events;
import io.bazaar.notification.support.NotificationServiceIntegrationTestBase;
import io.bazaar.notification.support.SseClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances sharing the database, Redis and the consumer group: a stream held by one
 * gets the notifications the other creates (Redis pub/sub fan-out), and a client that
 * reconnects to the other instance is caught up from the database. An instance that
 * cannot reach Redis still serves the notifications it creates itself.
 */
class CrossInstancePushIntegrationTest extends NotificationServiceIntegrationTestBase {

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	private ConfigurableApplicationContext instanceB;

	@AfterEach
	void stopInstanceBAndResumeConsuming() {
		if (this.instanceB != null) {
			this.instanceB.close();
		}
		this.listeners.getListenerContainers().forEach((container) -> {
			if (!container.isRunning()) {
				container.start();
			}
		});
	}

	@Test
	void eventProcessedByInstanceBReachesTheStreamHeldByInstanceA() {
		String email = newEmail();
		UUID user = registeredUser(email, "Ada");
		UUID otherUser = registeredUser(newEmail(), "Grace");
		// Instance A (this test's) stops consuming: whatever is consumed now, B consumes.
		this.listeners.getListenerContainers().forEach(MessageListenerContainer::stop);
		this.instanceB = startAnotherInstance();
		SseClient onA = stream(user, null);
		SseClient otherOnA = stream(otherUser, null);
		UUID orderId = UUID.randomUUID();

		confirm(orderId, user);

		SseClient.Event pushed = eventually().until(onA::notifications, (events) -> !events.isEmpty()).get(0);
		assertThat(pushed.json().path("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(this.listeners.getListenerContainers()).noneMatch(MessageListenerContainer::isRunning);
		assertThat(this.instanceB.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("order-events")
			.getAssignedPartitions()).isNotEmpty();
		eventually().until(() -> emailsAbout(email, orderId).size() == 1);
		assertThat(otherOnA.notifications()).isEmpty();
	}

	@Test
	void clientReconnectingToInstanceBIsCaughtUpAndThenFollowsLiveEvents() throws Exception {
		UUID user = registeredUser(newEmail(), "Ada");
		SseClient onA = stream(user, null);
		confirm(UUID.randomUUID(), user);
		SseClient.Event lastSeen = eventually().until(onA::notifications, (events) -> events.size() == 1).get(0);
		onA.close();
		UUID missed1 = UUID.randomUUID();
		UUID missed2 = UUID.randomUUID();
		confirm(missed1, user);
		confirm(missed2, user);
		historyOnceItShows(user, (page) -> page.path("totalItems").asLong() == 4);
		this.instanceB = startAnotherInstance("notifications.inbox.enabled=false");

		try (SseClient onB = SseClient.connect(portOf(this.instanceB), token(user), lastSeen.id())) {
			eventually().until(onB::notifications, (events) -> events.size() == 2);
			UUID live = UUID.randomUUID();
			confirm(live, user);

			List<SseClient.Event> received = eventually().until(onB::notifications, (events) -> events.size() == 3);
			assertThat(received).extracting((event) -> event.json().path("orderId").asString())
				.containsExactlyInAnyOrder(missed1.toString(), missed2.toString(), live.toString());
			assertThat(received.get(2).json().path("orderId").asString()).isEqualTo(live.toString());
			Thread.sleep(Duration.ofSeconds(2).toMillis());
			assertThat(onB.notifications()).extracting(SseClient.Event::id)
				.hasSize(3)
				.doesNotHaveDuplicates()
				.allSatisfy((id) -> assertThat(Long.parseLong(id)).isGreaterThan(Long.parseLong(lastSeen.id())));
		}
	}

	@Test
	void instanceThatCannotReachRedisStillStartsAndPushesWhatItProcesses() throws Exception {
		UUID user = registeredUser(newEmail(), "Ada");
		this.listeners.getListenerContainers().forEach(MessageListenerContainer::stop);
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.instanceB = startAnotherInstance("spring.data.redis.port=" + closedPort);

		try (SseClient onB = SseClient.connect(portOf(this.instanceB), token(user), null)) {
			UUID orderId = UUID.randomUUID();
			confirm(orderId, user);

			SseClient.Event pushed = eventually().until(onB::notifications, (events) -> !events.isEmpty()).get(0);
			assertThat(pushed.json().path("orderId").asString()).isEqualTo(orderId.toString());
		}
	}

	private void confirm(UUID orderId, UUID user) {
		events().orderConfirmed(orderId, user, List.of(Events.item("TEA-1", "Teapot", 1, "10.00", "EUR")), "10.00",
				"EUR");
	}

}
