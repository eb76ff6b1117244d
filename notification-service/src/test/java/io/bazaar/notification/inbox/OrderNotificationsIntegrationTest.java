package io.bazaar.notification.inbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.bazaar.notification.support.Events;
import io.bazaar.notification.support.Mails;
import io.bazaar.notification.support.NotificationServiceIntegrationTestBase;
import io.bazaar.notification.support.SseClient;
import io.bazaar.testsupport.kafka.KafkaRecords;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order events from the real broker become notifications: an e-mail with the order's
 * details at the SMTP server, and a live event on the user's stream (and nobody else's).
 */
@ExtendWith(OutputCaptureExtension.class)
class OrderNotificationsIntegrationTest extends NotificationServiceIntegrationTestBase {

	@Test
	void confirmedOrderIsEmailedWithItsDetailsAndPushedToItsUserOnly() throws Exception {
		String email = newEmail();
		UUID buyer = registeredUser(email, "Ada <Lovelace>");
		UUID otherUser = registeredUser(newEmail(), "Grace");
		SseClient buyersStream = stream(buyer, null);
		SseClient othersStream = stream(otherUser, null);
		UUID orderId = UUID.randomUUID();

		events().orderConfirmed(orderId, buyer,
				List.of(Events.item("TEA-1", "<b>Teapot</b> & \"cups\"", 2, "12.50", "EUR"),
						Events.item("MUG-7", "Mug", 1, 4.5, "EUR")),
				"29.50", "EUR");

		MimeMessage mail = eventually().until(() -> emailsAbout(email, orderId), (mails) -> mails.size() == 1).get(0);
		assertThat(Mails.subject(mail)).isEqualTo("Your Bazaar order is confirmed");
		assertThat(mail.getFrom()[0].toString()).contains("no-reply@bazaar.example");
		assertThat(Mails.text(mail)).contains("Hi Ada <Lovelace>,", "Your order " + orderId + " is confirmed",
				"- 2 x <b>Teapot</b> & \"cups\" (TEA-1) at 12.50 EUR: 25.00 EUR",
				"- 1 x Mug (MUG-7) at 4.50 EUR: 4.50 EUR", "Total: 29.50 EUR");
		assertThat(Mails.html(mail))
			.contains("Hi <span>Ada &lt;Lovelace&gt;</span>", "&lt;b&gt;Teapot&lt;/b&gt; &amp; &quot;cups&quot;",
					"25.00 EUR", "29.50 EUR")
			.doesNotContain("<b>Teapot</b>");

		SseClient.Event pushed = eventually().until(buyersStream::notifications, (received) -> !received.isEmpty())
			.get(0);
		JsonNode notification = pushed.json();
		assertThat(notification.path("type").asString()).isEqualTo("ORDER_CONFIRMED");
		assertThat(notification.path("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(notification.path("message").asString()).isEqualTo("Your order "
				+ orderId.toString().substring(0, 8).toUpperCase() + " of 3 items totalling 29.50 EUR is confirmed.");
		assertThat(pushed.id()).isEqualTo(notification.path("sequence").asString());

		Thread.sleep(Duration.ofSeconds(2).toMillis());
		assertThat(buyersStream.notifications()).hasSize(1);
		assertThat(othersStream.notifications()).isEmpty();
	}

	@Test
	void cancelledOrderIsEmailedWithTheReason() {
		String email = newEmail();
		UUID buyer = registeredUser(email, "Ada");
		UUID orderId = UUID.randomUUID();

		events().orderCancelled(orderId, buyer, "payment-declined");

		MimeMessage mail = eventually().until(() -> emailsAbout(email, orderId), (mails) -> mails.size() == 1).get(0);
		assertThat(Mails.subject(mail)).isEqualTo("Your Bazaar order was cancelled");
		assertThat(Mails.text(mail)).contains("was cancelled because the payment was declined.");
		assertThat(Mails.html(mail)).contains("the payment was declined");
		JsonNode notification = notificationAbout(buyer, orderId, "ORDER_CANCELLED");
		assertThat(notification.path("message").asString()).endsWith("was cancelled: the payment was declined.");
	}

	@Test
	void orderEventBeforeTheUsersRegistrationIsKeptAndEmailedOnceTheAddressArrives() throws Exception {
		UUID buyer = UUID.randomUUID();
		String email = newEmail();
		UUID orderId = UUID.randomUUID();

		events().orderConfirmed(orderId, buyer, List.of(Events.item("TEA-1", "Teapot", 1, "10.00", "EUR")), "10.00",
				"EUR");

		JsonNode waiting = notificationAbout(buyer, orderId, "ORDER_CONFIRMED");
		assertThat(waiting.path("deliveries").get(0).path("status").asString()).isEqualTo("PENDING");
		Thread.sleep(Duration.ofSeconds(3).toMillis());
		assertThat(notificationAbout(buyer, orderId, "ORDER_CONFIRMED").path("deliveries")
			.get(0)
			.path("status")
			.asString()).isEqualTo("PENDING");
		assertThat(smtp().messagesTo(email)).isEmpty();

		events().userRegistered(buyer, email, "Late Registrant");

		MimeMessage mail = eventually().until(() -> emailsAbout(email, orderId), (mails) -> mails.size() == 1).get(0);
		assertThat(Mails.text(mail)).contains("Hi Late Registrant,", "Total: 10.00 EUR");
		eventually().until(() -> notificationAbout(buyer, orderId, "ORDER_CONFIRMED").path("deliveries")
			.get(0)
			.path("status")
			.asString(), "SENT"::equals);
	}

	@Test
	void duplicateEventsGiveOneNotificationAndOneEmail() {
		String email = newEmail();
		UUID buyer = registeredUser(email, "Ada");
		UUID orderId = UUID.randomUUID();
		Events.Event confirmed = events().orderConfirmed(orderId, buyer,
				List.of(Events.item("TEA-1", "Teapot", 1, "10.00", "EUR")), "10.00", "EUR");
		events().send(confirmed);
		events().send(confirmed);
		// Same key, same partition: once this later event is applied, so are the copies.
		events().orderCancelled(orderId, buyer, "customer-cancelled");

		eventually().until(() -> smtp().messagesTo(email).size() >= 3);
		JsonNode history = historyOnceItShows(buyer, (page) -> find(page, orderId, "ORDER_CANCELLED") != null);
		assertThat(history.path("items")
			.valueStream()
			.filter((item) -> "ORDER_CONFIRMED".equals(item.path("type").asString()))
			.count()).isEqualTo(1);
		eventually().until(() -> notificationAbout(buyer, orderId, "ORDER_CANCELLED").path("deliveries")
			.get(0)
			.path("status")
			.asString(), "SENT"::equals);
		assertThat(smtp().messagesTo(email)).extracting(Mails::subject)
			.containsExactlyInAnyOrder("Welcome to Bazaar", "Your Bazaar order is confirmed",
					"Your Bazaar order was cancelled");
	}

	@Test
	void deadLettersWhatItCannotReadIgnoresWhatItNeedNotReadAndCarriesOn() {
		String email = newEmail();
		UUID buyer = registeredUser(email, "Ada");
		UUID orderId = UUID.randomUUID();
		Events.Event valid = events().newOrderConfirmed(orderId, buyer,
				List.of(Events.item("TEA-1", "Teapot", 1, "10.00", "EUR")), "10.00", "EUR");

		events().orderPlaced(orderId, buyer);
		events().sendToOrders(orderId.toString(), "this is not JSON");
		events().send(valid.with("eventId", UUID.randomUUID().toString()).with("items", List.of()));
		events().send(valid.with("eventId", UUID.randomUUID().toString()).with("total", "a lot"));
		events().send(valid.with("eventId", UUID.randomUUID().toString()).with("version", 2));
		events().send(valid);

		MimeMessage mail = eventually().until(() -> emailsAbout(email, orderId), (mails) -> mails.size() == 1).get(0);
		assertThat(Mails.text(mail)).contains("Total: 10.00 EUR");
		JsonNode history = historyOnceItShows(buyer, (page) -> find(page, orderId, "ORDER_CONFIRMED") != null);
		assertThat(history.path("totalItems").asLong()).isEqualTo(2);
		String deadLetters = this.properties.inbox().ordersTopic() + ".notification-service-it.dlt";
		List<ConsumerRecord<String, String>> dead = eventually()
			.until(() -> deadLetters().readAll(deadLetters, orderId.toString()), (records) -> records.size() == 4);
		assertThat(dead.get(0).value()).isEqualTo("this is not JSON");
		assertThat(dead).allSatisfy((record) -> {
			assertThat(KafkaRecords.header(record, "kafka_dlt-exception-cause-fqcn"))
				.isEqualTo(InvalidEventException.class.getName());
			assertThat(KafkaRecords.header(record, "kafka_dlt-original-topic"))
				.isEqualTo(this.properties.inbox().ordersTopic());
		});
		assertThat(KafkaRecords.header(dead.get(1), "kafka_dlt-exception-message")).contains("items");
		assertThat(KafkaRecords.header(dead.get(3), "kafka_dlt-exception-message"))
			.contains("has version 2; only version 1 is read");
	}

	@Test
	void applyingAnEventContinuesItsTrace(CapturedOutput output) {
		// the inbox notes each event it accepts at debug level only: not a line per
		// message
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(Inbox.class.getName(), LogLevel.DEBUG);
		try {
			UUID buyer = registeredUser(newEmail(), "Ada");
			UUID orderId = UUID.randomUUID();

			Events.Event confirmed = events().orderConfirmed(orderId, buyer,
					List.of(Events.item("TEA-1", "Teapot", 1, "10.00", "EUR")), "10.00", "EUR");

			String line = eventually().until(() -> output.getOut()
				.lines()
				.filter((candidate) -> candidate.contains("Accepted OrderConfirmed " + confirmed.eventId()))
				.findFirst()
				.orElse(null), (found) -> found != null);
			JsonNode logged = JsonMapper.builder().build().readTree(line);
			assertThat(logged.path("traceId").asString()).isEqualTo(confirmed.traceId());
		}
		finally {
			logging.setLogLevel(Inbox.class.getName(), null);
		}
	}

}
