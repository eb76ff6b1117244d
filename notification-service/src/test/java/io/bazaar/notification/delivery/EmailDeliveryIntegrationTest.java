package io.bazaar.notification.delivery;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.bazaar.notification.support.Events;
import io.bazaar.notification.support.NotificationServiceIntegrationTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery queue against a real SMTP server that goes down: sends are retried with
 * backoff, each notification's delivery state is visible to its user, and an e-mail is
 * sent exactly once or dead-lettered after the configured attempts (6 here).
 */
class EmailDeliveryIntegrationTest extends NotificationServiceIntegrationTestBase {

	@Autowired
	private MeterRegistry meters;

	@Test
	void smtpOutageIsRetriedAndTheEmailSentExactlyOnceWhenTheServerIsBack() throws Exception {
		String email = newEmail();
		UUID buyer = registeredUser(email, "Ada");
		double retriesBefore = sends("retry");
		smtp().stop();
		UUID orderId = UUID.randomUUID();

		orderConfirmed(orderId, buyer);

		JsonNode retrying = eventually().until(() -> delivery(buyer, orderId),
				(delivery) -> delivery.path("attempts").asInt() >= 2);
		assertThat(retrying.path("channel").asString()).isEqualTo("EMAIL");
		assertThat(retrying.path("status").asString()).isEqualTo("PENDING");
		assertThat(retrying.path("nextAttemptAt").isString()).isTrue();
		assertThat(sends("retry")).isGreaterThanOrEqualTo(retriesBefore + 2);
		assertThat(emailsAbout(email, orderId)).isEmpty();

		smtp().start();

		eventually().until(() -> emailsAbout(email, orderId).size() == 1);
		JsonNode sent = eventually().until(() -> delivery(buyer, orderId),
				(delivery) -> "SENT".equals(delivery.path("status").asString()));
		assertThat(sent.path("attempts").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(sent.path("sentAt").isString()).isTrue();
		// Longer than the longest backoff: a second send would have happened by now.
		Thread.sleep(Duration.ofSeconds(4).toMillis());
		assertThat(emailsAbout(email, orderId)).hasSize(1);
	}

	@Test
	void deliveryThatKeepsFailingIsDeadLetteredAfterTheLastAttempt() {
		String email = newEmail();
		UUID buyer = registeredUser(email, "Ada");
		double failuresBefore = sends("failed");
		smtp().stop();
		UUID orderId = UUID.randomUUID();

		orderConfirmed(orderId, buyer);

		JsonNode failed = eventually().until(() -> delivery(buyer, orderId),
				(delivery) -> "FAILED".equals(delivery.path("status").asString()));
		assertThat(failed.path("attempts").asInt()).isEqualTo(6);
		assertThat(failed.path("nextAttemptAt").isNull()).isTrue();
		assertThat(sends("failed")).isEqualTo(failuresBefore + 1);

		smtp().start();
		UUID laterOrder = UUID.randomUUID();
		events().orderCancelled(laterOrder, buyer, "customer-cancelled");

		eventually().until(() -> emailsAbout(email, laterOrder).size() == 1);
		assertThat(emailsAbout(email, orderId)).isEmpty();
		assertThat(delivery(buyer, orderId).path("status").asString()).isEqualTo("FAILED");
	}

	@Test
	void anAdminSeesAFailedDeliveryAndRetriesItOnceTheMailServerIsBack() throws Exception {
		String email = newEmail();
		UUID buyer = registeredUser(email, "Ada");
		String admin = tokens.admin();
		smtp().stop();
		UUID orderId = UUID.randomUUID();
		orderConfirmed(orderId, buyer);
		eventually().until(() -> delivery(buyer, orderId),
				(delivery) -> "FAILED".equals(delivery.path("status").asString()));

		JsonNode failed = json(get("/api/admin/deliveries/failed", admin)).path("items")
			.valueStream()
			.filter((delivery) -> buyer.toString().equals(delivery.path("userId").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(failed.path("attempts").asInt()).isEqualTo(6);
		assertThat(failed.path("lastError").asString()).isNotBlank();
		String retry = "/api/admin/deliveries/" + failed.path("id").asString() + "/retry";
		assertThat(get("/api/admin/deliveries/failed", token(buyer)).statusCode()).isEqualTo(403);
		assertThat(post(retry, token(buyer)).statusCode()).isEqualTo(403);

		smtp().start();
		assertThat(post(retry, admin).statusCode()).isEqualTo(202);

		eventually().until(() -> emailsAbout(email, orderId).size() == 1);
		eventually().until(() -> delivery(buyer, orderId).path("status").asString(), "SENT"::equals);
		HttpResponse<String> again = post(retry, admin);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(json(again).path("type").asString())
			.isEqualTo("https://bazaar.example/problems/delivery-not-failed");
		HttpResponse<String> unknown = post("/api/admin/deliveries/" + UUID.randomUUID() + "/retry", admin);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown).path("detail").asString()).startsWith("No delivery '");
		assertThat(emailsAbout(email, orderId)).hasSize(1);
	}

	@Test
	void sendOutcomesAndTheQueueDepthAreExposedToPrometheus() throws Exception {
		String email = newEmail();
		registeredUser(email, "Ada");

		String metrics = get("/actuator/prometheus", null).body();

		assertThat(metrics).containsPattern("notifications_delivery_total\\{[^}]*outcome=\"sent\"[^}]*} [1-9]")
			.contains("notifications_delivery_queue_depth{", "notifications_inbox_paused{",
					"notifications_push_connections{");
	}

	private void orderConfirmed(UUID orderId, UUID buyer) {
		events().orderConfirmed(orderId, buyer, List.of(Events.item("TEA-1", "Teapot", 1, "10.00", "EUR")), "10.00",
				"EUR");
	}

	private JsonNode delivery(UUID userId, UUID orderId) {
		return notificationAbout(userId, orderId, "ORDER_CONFIRMED").path("deliveries").get(0);
	}

	private double sends(String outcome) {
		return this.meters.get("notifications.delivery").tag("outcome", outcome).counter().count();
	}

}
