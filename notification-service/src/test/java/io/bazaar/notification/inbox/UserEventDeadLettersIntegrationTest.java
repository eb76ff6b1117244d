package io.bazaar.notification.inbox;

import java.util.List;
import java.util.UUID;

import io.bazaar.notification.support.Events;
import io.bazaar.notification.support.NotificationServiceIntegrationTestBase;
import io.bazaar.testsupport.kafka.KafkaRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user event the service cannot read goes to {@code users.events.v1}'s dead letter
 * topic of this consumer group at once, and the events behind it on the same partition
 * are applied.
 */
class UserEventDeadLettersIntegrationTest extends NotificationServiceIntegrationTestBase {

	@Test
	void unreadableRegistrationsAreDeadLetteredAndTheNextOneIsWelcomed() {
		UUID userId = UUID.randomUUID();
		String email = newEmail();
		Events.Event registered = events().newUserRegistered(userId, email, "Ada");
		Events.Event withoutAddress = registered.with("eventId", UUID.randomUUID().toString()).with("email", null);
		Events.Event withoutId = registered.with("eventId", null);
		Events.Event unknownVersion = registered.with("eventId", UUID.randomUUID().toString()).with("version", 7);

		events().send(withoutAddress);
		events().send(withoutId);
		events().send(unknownVersion);
		events().send(registered);

		eventually().until(() -> smtp().messagesTo(email).size() == 1);
		String topic = this.properties.inbox().usersTopic() + ".notification-service-it.dlt";
		List<ConsumerRecord<String, String>> dead = eventually()
			.until(() -> deadLetters().readAll(topic, userId.toString()), (records) -> records.size() == 3);
		assertThat(dead).extracting((record) -> KafkaRecords.header(record, "kafka_dlt-exception-message"))
			.satisfiesExactly((message) -> assertThat(message).contains("email"),
					(message) -> assertThat(message).contains("no eventId"),
					(message) -> assertThat(message).contains("has version 7"));
		assertThat(dead).allSatisfy((record) -> assertThat(KafkaRecords.header(record, "kafka_dlt-original-topic"))
			.isEqualTo(this.properties.inbox().usersTopic()));
	}

}
