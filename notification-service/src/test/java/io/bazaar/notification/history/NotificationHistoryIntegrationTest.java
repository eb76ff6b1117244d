package io.bazaar.notification.history;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.bazaar.notification.support.Events;
import io.bazaar.notification.support.NotificationServiceIntegrationTestBase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's notification history over HTTP: their own notifications only. */
class NotificationHistoryIntegrationTest extends NotificationServiceIntegrationTestBase {

	@Test
	void listsTheUsersNotificationsNewestFirstInPagesWithTheUnreadCount() throws Exception {
		UUID user = registeredUser(newEmail(), "Ada");
		UUID orderId = UUID.randomUUID();
		events().orderConfirmed(orderId, user, List.of(Events.item("TEA-1", "Teapot", 1, "10.00", "EUR")), "10.00",
				"EUR");
		events().orderCancelled(orderId, user, "insufficient-stock");
		historyOnceItShows(user, (page) -> page.path("totalItems").asLong() == 3);

		JsonNode first = json(get("/api/notifications?page=0&size=2", token(user)));
		JsonNode second = json(get("/api/notifications?page=1&size=2", token(user)));

		assertThat(first.path("items").valueStream().map((item) -> item.path("type").asString()))
			.containsExactly("ORDER_CANCELLED", "ORDER_CONFIRMED");
		assertThat(second.path("items").valueStream().map((item) -> item.path("type").asString()))
			.containsExactly("WELCOME");
		assertThat(first.path("items").get(0).path("sequence").asLong())
			.isGreaterThan(first.path("items").get(1).path("sequence").asLong());
		assertThat(first.path("items").get(1).path("sequence").asLong())
			.isGreaterThan(second.path("items").get(0).path("sequence").asLong());
		assertThat(first.path("totalItems").asLong()).isEqualTo(3);
		assertThat(first.path("totalPages").asLong()).isEqualTo(2);
		assertThat(first.path("unreadCount").asLong()).isEqualTo(3);
		assertThat(first.path("page").asInt()).isZero();
		assertThat(first.path("size").asInt()).isEqualTo(2);
		assertThat(first.path("items").get(0).path("title").asString()).isEqualTo("Order cancelled");
		assertThat(first.path("items").get(0).path("read").asBoolean()).isFalse();
	}

	@Test
	void marksNotificationsReadAndUnread() throws Exception {
		UUID user = registeredUser(newEmail(), "Ada");
		String welcomeId = historyOnceItShows(user, (page) -> page.path("totalItems").asLong() == 1).path("items")
			.get(0)
			.path("id")
			.asString();

		HttpResponse<String> read = patch("/api/notifications/" + welcomeId, token(user), "{\"read\":true}");
		JsonNode readAgain = json(patch("/api/notifications/" + welcomeId, token(user), "{\"read\":true}"));

		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(json(read).path("read").asBoolean()).isTrue();
		assertThat(readAgain.path("readAt").asString()).isEqualTo(json(read).path("readAt").asString());
		assertThat(json(get("/api/notifications", token(user))).path("unreadCount").asLong()).isZero();
		assertThat(json(get("/api/notifications/" + welcomeId, token(user))).path("read").asBoolean()).isTrue();

		JsonNode unread = json(patch("/api/notifications/" + welcomeId, token(user), "{\"read\":false}"));

		assertThat(unread.path("read").asBoolean()).isFalse();
		assertThat(unread.path("readAt").isNull()).isTrue();
		assertThat(json(get("/api/notifications", token(user))).path("unreadCount").asLong()).isEqualTo(1);
	}

	@Test
	void anotherUsersNotificationIsNotFound() throws Exception {
		UUID owner = registeredUser(newEmail(), "Ada");
		UUID stranger = registeredUser(newEmail(), "Eve");
		String ownersId = historyOnceItShows(owner, (page) -> page.path("totalItems").asLong() == 1).path("items")
			.get(0)
			.path("id")
			.asString();

		HttpResponse<String> get = get("/api/notifications/" + ownersId, token(stranger));
		HttpResponse<String> patch = patch("/api/notifications/" + ownersId, token(stranger), "{\"read\":true}");

		for (HttpResponse<String> response : List.of(get, patch)) {
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json(response).path("type").asString())
				.isEqualTo("https://bazaar.example/problems/notification-not-found");
		}
		assertThat(json(get("/api/notifications", token(owner))).path("unreadCount").asLong()).isEqualTo(1);
		assertThat(json(get("/api/notifications", token(stranger))).path("items").get(0).path("id").asString())
			.isNotEqualTo(ownersId);
	}

	@Test
	void unsupportedApiVersionIsRefused() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/notifications"))
			.header("Authorization", "Bearer " + token(UUID.randomUUID()))
			.header("API-Version", "7"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).path("type").asString()).startsWith("https://bazaar.example/problems/");
	}

	@Test
	void explicitApiVersionOneIsServed() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/notifications"))
			.header("Authorization", "Bearer " + token(UUID.randomUUID()))
			.header("API-Version", "1"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).path("totalItems").asLong()).isZero();
	}

	@Test
	void publishesItsOpenApiDocument() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).path("paths").propertyNames()).contains("/api/notifications",
				"/api/notifications/{id}", "/api/notifications/stream");
	}

	@Nested
	class WithoutAValidToken {

		@Test
		void historyIsRefusedWithAProblem() throws Exception {
			HttpResponse<String> response = get("/api/notifications", null);

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
			assertThat(json(response).path("type").asString())
				.isEqualTo("https://bazaar.example/problems/unauthorized");
		}

		@Test
		void expiredTokenIsRefused() throws Exception {
			HttpResponse<String> response = get("/api/notifications", tokens.expired(UUID.randomUUID()));

			assertThat(response.statusCode()).isEqualTo(401);
		}

	}

	@Nested
	class BadInput {

		@ParameterizedTest(name = "GET {0} names {1}")
		@CsvSource({ "/api/notifications?page=-1, page", "/api/notifications?size=0, size",
				"/api/notifications?size=101, size", "/api/notifications?page=first, page",
				"/api/notifications/not-an-id, id" })
		void queryAndPathProblemsNameTheParameter(String path, String field) throws Exception {
			HttpResponse<String> response = get(path, token(UUID.randomUUID()));

			assertValidationProblem(response, field);
		}

		@ParameterizedTest(name = "PATCH {0} names {1}")
		@CsvSource(delimiter = '|', value = { "{}|read", "{\"read\":null}|read", "{\"read\":\"perhaps\"}|read",
				"{\"read\":true,\"starred\":true}|starred" })
		void bodyProblemsNameTheField(String body, String field) throws Exception {
			HttpResponse<String> response = patch("/api/notifications/" + UUID.randomUUID(), token(UUID.randomUUID()),
					body);

			assertValidationProblem(response, field);
		}

		@Test
		void bodyThatIsNotJsonIsAProblem() throws Exception {
			HttpResponse<String> response = patch("/api/notifications/" + UUID.randomUUID(), token(UUID.randomUUID()),
					"read=yes");

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response).path("type").asString())
				.isEqualTo("https://bazaar.example/problems/malformed-request");
		}

		private void assertValidationProblem(HttpResponse<String> response, String field) {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = json(response);
			assertThat(problem.path("type").asString()).isEqualTo("https://bazaar.example/problems/validation");
			assertThat(problem.path("errors").valueStream().map((error) -> error.path("field").asString()))
				.contains(field);
		}

	}

}
