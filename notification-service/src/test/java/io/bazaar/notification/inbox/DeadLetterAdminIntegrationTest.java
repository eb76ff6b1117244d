package io.bazaar.notification.inbox;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.notification.support.Events;
import io.bazaar.notification.support.Mails;
import io.bazaar.notification.support.NotificationServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * notification-service's dead letters as an admin sees them: listed with their cause,
 * replayed once their cause is gone, each applied once.
 */
class DeadLetterAdminIntegrationTest extends NotificationServiceIntegrationTestBase {

	private final String admin = tokens.admin();

	@Test
	void anUnreadableEventIsListedWithItsCause() {
		UUID key = UUID.randomUUID();
		events().sendToOrders(key.toString(), "{\"type\":\"OrderConfirmed\"}");

		JsonNode letter = eventually().until(() -> letterWithKey(key), (found) -> found != null);

		assertThat(letter.path("originTopic").asString()).isEqualTo(this.properties.inbox().ordersTopic());
		assertThat(letter.path("cause").path("exception").asString()).isEqualTo(InvalidEventException.class.getName());
		assertThat(letter.path("cause").path("message").asString()).contains("no eventId");
		assertThat(letter.path("payload").asString()).isEqualTo("{\"type\":\"OrderConfirmed\"}");
	}

	@Test
	void aReplayedOrderConfirmedNotifiesOnceHoweverOftenItIsReplayed() throws Exception {
		String email = newEmail();
		UUID buyer = registeredUser(email, "Ada");
		UUID orderId = UUID.randomUUID();
		Events.Event confirmed = events().newOrderConfirmed(orderId, buyer,
				List.of(Events.item("TEA-1", "Teapot", 1, "10.00", "EUR")), "10.00", "EUR");
		String deadLetters = this.properties.inbox().ordersTopic() + ".notification-service-it.dlt";
		for (int i = 0; i < 2; i++) {
			deadLetters().publishDeadLetter(deadLetters, this.properties.inbox().ordersTopic(), orderId.toString(),
					JsonMapper.builder().build().writeValueAsString(confirmed.body()), QueryTimeoutException.class,
					"canceling statement due to statement timeout", Map.of());
		}
		List<JsonNode> letters = eventually().until(() -> lettersWithKey(orderId), (found) -> found.size() == 2);

		HttpResponse<String> replayed = post(replay(letters.get(0)), this.admin);
		assertThat(replayed.statusCode()).isEqualTo(200);
		eventually().until(() -> emailsAbout(email, orderId).size() == 1);
		assertThat(post(replay(letters.get(0)), this.admin).statusCode()).isEqualTo(409);
		assertThat(post(replay(letters.get(1)), this.admin).statusCode()).isEqualTo(200);

		// Same key, same partition: once this later event is applied, so is the replay.
		events().orderCancelled(orderId, buyer, "customer-cancelled");
		JsonNode history = historyOnceItShows(buyer, (page) -> find(page, orderId, "ORDER_CANCELLED") != null);
		assertThat(history.path("items")
			.valueStream()
			.filter((item) -> "ORDER_CONFIRMED".equals(item.path("type").asString()))
			.count()).isEqualTo(1);
		eventually().until(() -> emailsAbout(email, orderId).size() >= 2);
		assertThat(emailsAbout(email, orderId)).extracting(Mails::subject)
			.containsExactlyInAnyOrder("Your Bazaar order is confirmed", "Your Bazaar order was cancelled");
	}

	@Test
	void onlyAdminsMayReadOrReplayDeadLettersAndUnknownOnesAreNotFound() throws Exception {
		HttpResponse<String> customer = get("/api/admin/dead-letters", token(UUID.randomUUID()));
		assertThat(customer.statusCode()).isEqualTo(403);
		assertThat(post("/api/admin/dead-letters/replay", token(UUID.randomUUID())).statusCode()).isEqualTo(403);
		HttpResponse<String> unknown = post("/api/admin/dead-letters/" + UUID.randomUUID() + "/replay", this.admin);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json(unknown).path("type").asString()).isEqualTo("https://bazaar.example/problems/not-found");
		assertThat(json(unknown).path("detail").asString()).startsWith("No dead letter '");
	}

	private static String replay(JsonNode letter) {
		return "/api/admin/dead-letters/" + letter.path("id").asString() + "/replay";
	}

	private JsonNode letterWithKey(UUID key) throws Exception {
		List<JsonNode> letters = lettersWithKey(key);
		return letters.isEmpty() ? null : letters.get(0);
	}

	private List<JsonNode> lettersWithKey(UUID key) throws Exception {
		HttpResponse<String> response = get("/api/admin/dead-letters", this.admin);
		assertThat(response.statusCode()).isEqualTo(200);
		return json(response).path("items")
			.valueStream()
			.filter((letter) -> key.toString().equals(letter.path("key").asString()))
			.toList();
	}

}
