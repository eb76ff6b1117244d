package io.bazaar.user.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.runtime.outbox.OutboxRelay;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.user.support.ApiClient.Response;
import io.bazaar.user.support.TestAccounts;
import io.bazaar.user.support.UserServiceIntegrationTestBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registration reaches Kafka as a {@code UserRegistered} event; a rejected one does
 * not.
 */
class UserRegisteredEventIntegrationTest extends UserServiceIntegrationTestBase {

	private static final String TOPIC = "users.events.v1";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private ServiceInfrastructure infrastructure;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private OutboxRelay relay;

	private KafkaConsumer<String, String> consumer;

	@BeforeEach
	void subscribe() {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.infrastructure.kafka().bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "user-registered-test-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		this.consumer.subscribe(List.of(TOPIC));
	}

	@AfterEach
	void close() {
		this.consumer.close();
	}

	@Test
	void aRegistrationIsPublishedKeyedByTheUserIdWithTheDocumentedFields() {
		String email = TestAccounts.uniqueEmail();
		Instant before = Instant.now();

		Response registered = this.api.register(email, TestAccounts.PASSWORD, "Ada");
		String userId = registered.json().get("id").asString();

		ConsumerRecord<String, String> record = awaitRecord(userId, Duration.ofSeconds(30));
		JsonNode event = json.readTree(record.value());
		assertThat(event.propertyNames()).containsExactlyInAnyOrder("eventId", "type", "version", "occurredAt",
				"userId", "email", "displayName", "traceparent");
		assertThat(event.get("type").asString()).isEqualTo("UserRegistered");
		assertThat(event.get("version").asInt()).isEqualTo(1);
		assertThat(event.get("userId").asString()).isEqualTo(userId);
		assertThat(event.get("email").asString()).isEqualTo(email);
		assertThat(event.get("displayName").asString()).isEqualTo("Ada");
		assertThat(Instant.parse(event.get("occurredAt").asString())).isBetween(before.minusSeconds(1), Instant.now());
		assertThat(event.get("traceparent").asString()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
		String eventId = event.get("eventId").asString();
		assertThat(header(record, "eventId")).isEqualTo(eventId);
		assertThat(header(record, "eventType")).isEqualTo("UserRegistered");
		assertThat(this.jdbc.queryForObject("SELECT published_at IS NOT NULL FROM outbox_event WHERE id = ?::uuid",
				Boolean.class, eventId))
			.as("marked published once the broker acknowledged")
			.isTrue();
	}

	@Test
	void aRejectedRegistrationPublishesNothing() {
		String email = TestAccounts.uniqueEmail();
		String userId = this.api.register(email, TestAccounts.PASSWORD, "Ada").json().get("id").asString();
		awaitRecord(userId, Duration.ofSeconds(30));
		int queued = outboxEvents();

		Response duplicate = this.api.register(email.toUpperCase(), TestAccounts.PASSWORD, "Mallory");
		Response invalid = this.api.register("not-an-email", TestAccounts.PASSWORD, "Mallory");
		this.relay.publishPending();

		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(outboxEvents()).isEqualTo(queued);
		List<ConsumerRecord<String, String>> later = drain(Duration.ofSeconds(3));
		assertThat(later).noneMatch((record) -> record.value().contains(email) || record.value().contains("Mallory"));
	}

	private int outboxEvents() {
		return this.jdbc.queryForObject("SELECT count(*) FROM outbox_event", Integer.class);
	}

	private ConsumerRecord<String, String> awaitRecord(String key, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(500))) {
				if (key.equals(record.key())) {
					return record;
				}
			}
		}
		throw new AssertionError("No record keyed " + key + " on " + TOPIC + " within " + timeout);
	}

	private List<ConsumerRecord<String, String>> drain(Duration duration) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		long deadline = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < deadline) {
			this.consumer.poll(Duration.ofMillis(500)).forEach(records::add);
		}
		return records;
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
