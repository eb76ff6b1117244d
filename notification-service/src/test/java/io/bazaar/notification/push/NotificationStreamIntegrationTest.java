package io.bazaar.notification.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.bazaar.notification.support.Events;
import io.bazaar.notification.support.NotificationServiceIntegrationTestBase;
import io.bazaar.notification.support.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The live stream of one instance: heartbeats, replay after reconnection, clean-up. */
class NotificationStreamIntegrationTest extends NotificationServiceIntegrationTestBase {

	@Autowired
	private MeterRegistry meters;

	@Test
	void idleStreamGetsHeartbeats() {
		UUID user = registeredUser(newEmail(), "Ada");

		SseClient stream = stream(user, null);

		assertThat(stream.contentType()).startsWith("text/event-stream");
		eventually().until(() -> stream.comments().stream().filter("heartbeat"::equals).count() >= 2);
		assertThat(stream.notifications()).isEmpty();
	}

	@Test
	void reconnectingWithLastEventIdReplaysWhatWasMissedInOrderAndNothingTwice() throws Exception {
		UUID user = registeredUser(newEmail(), "Ada");
		SseClient first = stream(user, null);
		UUID seen = UUID.randomUUID();
		confirm(seen, user);
		SseClient.Event lastSeen = eventually().until(first::notifications, (events) -> events.size() == 1).get(0);
		first.close();
		UUID missed1 = UUID.randomUUID();
		UUID missed2 = UUID.randomUUID();
		confirm(missed1, user);
		confirm(missed2, user);
		JsonNode history = historyOnceItShows(user, (page) -> page.path("totalItems").asLong() == 4);

		SseClient second = stream(user, lastSeen.id());

		List<SseClient.Event> replayed = eventually().until(second::notifications, (events) -> events.size() == 2);
		assertThat(replayed).extracting((event) -> Long.parseLong(event.id()))
			.isSorted()
			.allSatisfy((id) -> assertThat(id).isGreaterThan(Long.parseLong(lastSeen.id())))
			.containsExactlyInAnyOrder(sequenceOf(history, missed1), sequenceOf(history, missed2));
		assertThat(replayed).extracting((event) -> event.json().path("orderId").asString())
			.containsExactlyInAnyOrder(missed1.toString(), missed2.toString());

		UUID live = UUID.randomUUID();
		confirm(live, user);

		List<SseClient.Event> all = eventually().until(second::notifications, (events) -> events.size() == 3);
		assertThat(all.get(2).json().path("orderId").asString()).isEqualTo(live.toString());
		Thread.sleep(Duration.ofSeconds(2).toMillis());
		assertThat(second.notifications()).extracting(SseClient.Event::id).hasSize(3).doesNotHaveDuplicates();
		assertThat(second.notifications()).extracting((event) -> Long.parseLong(event.id())).isSorted();
	}

	@Test
	void streamWhoseClientLeftIsClosedAndForgotten() {
		UUID user = registeredUser(newEmail(), "Ada");
		double before = connections();
		SseClient stream = stream(user, null);
		assertThat(connections()).isEqualTo(before + 1);

		stream.close();

		eventually().until(() -> connections() == before);
	}

	@Test
	void lastEventIdMustBeAnIdFromTheStream() throws Exception {
		for (String invalid : List.of("yesterday", "-3")) {
			SseClient stream = SseClient.open(this.port, token(UUID.randomUUID()), invalid);

			assertThat(stream.status()).isEqualTo(400);
			JsonNode problem = tools.jackson.databind.json.JsonMapper.builder().build().readTree(stream.body());
			assertThat(problem.path("type").asString()).isEqualTo("https://bazaar.example/problems/validation");
			assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("Last-Event-ID");
		}
	}

	@Test
	void streamNeedsAToken() throws Exception {
		SseClient stream = SseClient.open(this.port, null, null);

		assertThat(stream.status()).isEqualTo(401);
		assertThat(stream.body()).contains("https://bazaar.example/problems/unauthorized");
	}

	@Test
	void aUserBeyondTheirStreamLimitIsRefused429WhileAnotherUserStreamsAndIsPushedTo() throws Exception {
		UUID greedy = registeredUser(newEmail(), "Greedy");
		UUID other = registeredUser(newEmail(), "Ada");
		for (int i = 0; i < this.properties.push().maxStreamsPerUser(); i++) {
			stream(greedy, null);
		}

		SseClient refused = SseClient.open(this.port, token(greedy), null);

		assertTooManyStreams(refused);
		SseClient theirs = stream(other, null);
		UUID order = UUID.randomUUID();
		confirm(order, other);
		List<SseClient.Event> pushed = eventually().until(theirs::notifications, (events) -> events.size() == 1);
		assertThat(pushed.get(0).json().path("orderId").asString()).isEqualTo(order.toString());
	}

	@Test
	void closingStreamsGivesTheirSlotsBack() throws Exception {
		UUID user = registeredUser(newEmail(), "Ada");
		double before = connections();
		List<SseClient> open = new ArrayList<>();
		for (int i = 0; i < this.properties.push().maxStreamsPerUser(); i++) {
			open.add(stream(user, null));
		}
		assertTooManyStreams(SseClient.open(this.port, token(user), null));

		open.get(0).close();

		SseClient again = eventually().until(() -> {
			SseClient attempt = SseClient.open(this.port, token(user), null);
			attempt.close();
			return attempt;
		}, (attempt) -> attempt.status() == 200);
		assertThat(again.status()).isEqualTo(200);
		open.forEach(SseClient::close);
		// Streams of earlier tests may still be leaving too.
		eventually().until(() -> connections() <= before);
	}

	private static void assertTooManyStreams(SseClient refused) throws Exception {
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.header("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
		JsonNode problem = tools.jackson.databind.json.JsonMapper.builder().build().readTree(refused.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://bazaar.example/problems/too-many-streams");
		assertThat(problem.path("status").asInt()).isEqualTo(429);
		assertThat(problem.path("detail").asString()).isNotBlank();
	}

	private void confirm(UUID orderId, UUID user) {
		events().orderConfirmed(orderId, user, List.of(Events.item("TEA-1", "Teapot", 1, "10.00", "EUR")), "10.00",
				"EUR");
	}

	private static long sequenceOf(JsonNode history, UUID orderId) {
		return find(history, orderId, "ORDER_CONFIRMED").path("sequence").asLong();
	}

	private double connections() {
		return this.meters.get("notifications.push.connections").gauge().value();
	}

}
