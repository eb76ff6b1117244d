package io.bazaar.catalog.inventory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bazaar.catalog.support.CatalogServiceIntegrationTestBase;
import io.bazaar.testsupport.kafka.KafkaRecords;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog's dead letters as an admin sees them: listed with their origin and cause,
 * replayed to {@code orders.events.v1} once their cause is gone, each applied once.
 */
class DeadLetterAdminIntegrationTest extends CatalogServiceIntegrationTestBase {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String DEAD_LETTERS = "orders.events.v1.catalog-inventory.dlt";

	@Test
	void anEventTheCatalogCannotReadIsListedWithItsCause() {
		UUID key = UUID.randomUUID();
		kafka().send("orders.events.v1", key.toString(), "not json at all");

		JsonNode letter = await().atMost(PATIENCE).until(() -> letterWithKey(key, null), (found) -> found != null);

		assertThat(letter.path("deadLetterTopic").asString()).isEqualTo(DEAD_LETTERS);
		assertThat(letter.path("originTopic").asString()).isEqualTo("orders.events.v1");
		assertThat(letter.path("originOffset").isNumber()).isTrue();
		assertThat(letter.path("consumerGroup").asString()).isEqualTo("catalog-inventory");
		assertThat(letter.path("payload").asString()).isEqualTo("not json at all");
		assertThat(letter.path("cause").path("exception").asString())
			.isEqualTo(UnreadableOrderEventException.class.getName());
		assertThat(letter.path("cause").path("message").asString()).contains("is not JSON");
		assertThat(letter.path("deadLetteredAt").asString()).isNotBlank();
		assertThat(letter.path("replayedAt").isNull()).isTrue();
		HttpResponse<String> one = getWithToken("/api/admin/dead-letters/" + letter.path("id").asString(),
				tokens.admin());
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(body(one).path("payload").asString()).isEqualTo("not json at all");
		assertThat(waitingInScrape()).as("dead_letters_waiting, as Prometheus reads it")
			.isEqualTo(lettersWaiting())
			.isPositive();
	}

	@Test
	void aReplayedOrderPlacedIsReservedOnceHoweverOftenItIsReplayed() throws Exception {
		String productId = newProduct(newCategory(), "7.00", 5).path("id").asString();
		UUID orderId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		String placed = "{\"eventId\":\"" + eventId + "\",\"type\":\"OrderPlaced\",\"version\":1,\"occurredAt\":\""
				+ Instant.now() + "\",\"orderId\":\"" + orderId + "\",\"traceparent\":null,\"items\":[{\"productId\":\""
				+ productId + "\",\"quantity\":2}]}";
		// The same event dead-lettered twice (say, by two redeliveries during an outage).
		for (int i = 0; i < 2; i++) {
			kafka().publishDeadLetter(DEAD_LETTERS, "orders.events.v1", orderId.toString(), placed,
					QueryTimeoutException.class, "canceling statement due to statement timeout",
					Map.of("eventId", eventId.toString(), "eventType", "OrderPlaced"));
		}
		List<JsonNode> letters = await().atMost(PATIENCE)
			.until(() -> lettersWithKey(orderId, false), (found) -> found.size() == 2);
		assertThat(letters).allSatisfy((letter) -> {
			assertThat(letter.path("cause").path("exception").asString())
				.isEqualTo(QueryTimeoutException.class.getName());
			assertThat(letter.path("headers").path("eventId").asString()).isEqualTo(eventId.toString());
		});
		String first = letters.get(0).path("id").asString();
		String second = letters.get(1).path("id").asString();

		HttpResponse<String> replayed = post("/api/admin/dead-letters/" + first + "/replay", tokens.admin(), "");

		assertThat(replayed.statusCode()).isEqualTo(200);
		assertThat(body(replayed).path("replayedAt").asString()).isNotBlank();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(stock(productId).path("reserved").asInt()).isEqualTo(2));

		HttpResponse<String> again = post("/api/admin/dead-letters/" + first + "/replay", tokens.admin(), "");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(body(again).path("type").asString())
			.isEqualTo("https://bazaar.example/problems/dead-letter-already-replayed");

		HttpResponse<String> all = post("/api/admin/dead-letters/replay", tokens.admin(), "");
		assertThat(all.statusCode()).isEqualTo(200);
		assertThat(body(all).path("items").valueStream().map((letter) -> letter.path("id").asString())).contains(second)
			.doesNotContain(first);
		assertThat(lettersWithKey(orderId, false)).as("nothing of the order is left to replay").isEmpty();
		Thread.sleep(3000);
		assertThat(stock(productId).path("reserved").asInt()).isEqualTo(2);
		assertThat(kafka().readAll(InventoryEvent.TOPIC, orderId.toString())).as("one answer for the order").hasSize(1);
	}

	@Test
	void onlyAdminsMayReadOrReplayDeadLetters() {
		assertThat(getWithToken("/api/admin/dead-letters", tokens.customer()).statusCode()).isEqualTo(403);
		assertThat(getWithToken("/api/admin/dead-letters", tokens.service()).statusCode()).isEqualTo(403);
		assertThat(post("/api/admin/dead-letters/replay", tokens.customer(), "").statusCode()).isEqualTo(403);
		assertThat(getWithToken("/api/admin/dead-letters", null).statusCode()).isEqualTo(401);
	}

	@Test
	void anUnknownDeadLetterIsANotFoundProblem() {
		HttpResponse<String> replay = post("/api/admin/dead-letters/" + UUID.randomUUID() + "/replay", tokens.admin(),
				"");
		HttpResponse<String> read = getWithToken("/api/admin/dead-letters/" + UUID.randomUUID(), tokens.admin());

		for (HttpResponse<String> response : List.of(replay, read)) {
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(body(response).path("type").asString()).isEqualTo("https://bazaar.example/problems/not-found");
			assertThat(body(response).path("detail").asString()).startsWith("No dead letter '");
		}
	}

	private KafkaRecords kafka() {
		return new KafkaRecords(this.infrastructure.kafka().bootstrapServers());
	}

	private JsonNode letterWithKey(UUID key, Boolean replayed) {
		List<JsonNode> letters = lettersWithKey(key, replayed);
		return letters.isEmpty() ? null : letters.get(0);
	}

	/** The letters with the key, oldest first. */
	private List<JsonNode> lettersWithKey(UUID key, Boolean replayed) {
		HttpResponse<String> response = getWithToken(
				"/api/admin/dead-letters" + ((replayed != null) ? "?replayed=" + replayed : ""), tokens.admin());
		assertThat(response.statusCode()).isEqualTo(200);
		List<JsonNode> letters = new ArrayList<>(body(response).path("items")
			.valueStream()
			.filter((letter) -> key.toString().equals(letter.path("key").asString()))
			.toList());
		Collections.reverse(letters);
		return letters;
	}

	/** The value of {@code dead_letters_waiting} on the service's Prometheus endpoint. */
	private int waitingInScrape() {
		HttpResponse<String> scrape = get("/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		Matcher waiting = Pattern.compile("(?m)^dead_letters_waiting\\{[^}]*} ([0-9.]+)$").matcher(scrape.body());
		assertThat(waiting.find()).as("dead_letters_waiting in the scrape").isTrue();
		return (int) Double.parseDouble(waiting.group(1));
	}

	private int lettersWaiting() {
		HttpResponse<String> response = getWithToken("/api/admin/dead-letters?replayed=false&limit=500",
				tokens.admin());
		assertThat(response.statusCode()).isEqualTo(200);
		return body(response).path("items").size();
	}

	private JsonNode stock(String productId) {
		return body(getWithToken("/api/inventory/" + productId, tokens.service()));
	}

}
