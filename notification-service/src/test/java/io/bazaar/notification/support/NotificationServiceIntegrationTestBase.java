package io.bazaar.notification.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.bazaar.notification.NotificationServiceApplication;
import io.bazaar.notification.config.NotificationsProperties;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.kafka.KafkaRecords;
import io.bazaar.testsupport.security.TokenIssuer;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The service running against real PostgreSQL, Redis, Kafka and SMTP, with user-service's
 * keys served by a real HTTP server. Timings are shortened (backoff, heartbeat, polling);
 * every wait is generous, since the machine may be busy. Test classes that extend this
 * without adding properties share one running service.
 */
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF,
		"spring.kafka.consumer.group-id=notification-service-it", "notifications.delivery.max-attempts=6",
		"notifications.delivery.initial-backoff=1s", "notifications.delivery.max-backoff=2s",
		"notifications.delivery.poll-interval=250ms", "notifications.delivery.recipient-recheck=2s",
		"notifications.push.heartbeat=1s", "notifications.inbox.backlog-check=250ms",
		// Each context stores every dead letter in its own database: a consumer group of
		// its own.
		"platform.dead-letters.group=notification-dead-letters-${random.uuid}" })
public abstract class NotificationServiceIntegrationTestBase {

	protected static final Duration PATIENCE = Duration.ofSeconds(60);

	protected static final TokenIssuer tokens = TokenIssuer.shared();

	private static final List<String> SHARED_SETTINGS = List.of("spring.kafka.consumer.group-id", "spring.mail.host",
			"spring.mail.port", TokenIssuer.DISCOVERY_PROPERTY, "notifications.inbox.users-topic",
			"notifications.inbox.orders-topic", "notifications.inbox.backlog-check",
			"notifications.delivery.max-attempts", "notifications.delivery.initial-backoff",
			"notifications.delivery.max-backoff", "notifications.delivery.poll-interval",
			"notifications.delivery.recipient-recheck", "notifications.push.heartbeat");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	protected int port;

	@Autowired
	protected KafkaTemplate<String, String> kafka;

	@Autowired
	protected NotificationsProperties properties;

	@Autowired
	protected ServiceInfrastructure infrastructure;

	@Autowired
	private Environment environment;

	private final List<SseClient> streams = new ArrayList<>();

	@DynamicPropertySource
	static void connections(DynamicPropertyRegistry registry) {
		tokens.register(registry);
		TestSmtp.shared().register(registry);
	}

	@AfterEach
	void closeStreamsAndStartSmtp() {
		this.streams.forEach(SseClient::close);
		this.streams.clear();
		smtp().start();
	}

	/**
	 * Starts a second instance of the service by hand, sharing this one's database, Redis
	 * and Kafka (and consumer group), with the settings this one was given (those it was
	 * not given have the same defaults there).
	 * @param overrides settings of its own, as {@code key=value}
	 */
	protected ConfigurableApplicationContext startAnotherInstance(String... overrides) {
		Map<String, Object> settings = new LinkedHashMap<>(this.infrastructure.properties());
		for (String key : SHARED_SETTINGS) {
			String value = this.environment.getProperty(key);
			if (value != null) {
				settings.put(key, value);
			}
		}
		settings.put("server.port", 0);
		settings.put("spring.cloud.consul.enabled", false);
		for (String override : overrides) {
			String[] keyAndValue = override.split("=", 2);
			settings.put(keyAndValue[0], keyAndValue[1]);
		}
		return new SpringApplicationBuilder(NotificationServiceApplication.class).run(settings.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new));
	}

	protected static int portOf(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

	protected static ConditionFactory eventually() {
		return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200));
	}

	protected Events events() {
		return new Events(this.kafka, this.properties.inbox().usersTopic(), this.properties.inbox().ordersTopic());
	}

	/** Reads the dead letter topics (and any other) straight from the broker. */
	protected KafkaRecords deadLetters() {
		return new KafkaRecords(this.infrastructure.kafka().bootstrapServers());
	}

	protected static TestSmtp smtp() {
		return TestSmtp.shared();
	}

	protected static String token(UUID userId) {
		return tokens.customer(userId);
	}

	protected static String newEmail() {
		return "user-" + UUID.randomUUID() + "@example.test";
	}

	/** Registers a user and waits until the welcome e-mail has been sent to them. */
	protected UUID registeredUser(String email, String displayName) {
		UUID userId = UUID.randomUUID();
		events().userRegistered(userId, email, displayName);
		eventually().until(() -> smtp().messagesTo(email).size() == 1);
		return userId;
	}

	protected SseClient stream(UUID userId, String lastEventId) {
		SseClient client = SseClient.connect(this.port, token(userId), lastEventId);
		this.streams.add(client);
		return client;
	}

	/** The user's notification history, waiting until it satisfies the condition. */
	protected JsonNode historyOnceItShows(UUID userId, Predicate<JsonNode> condition) {
		return eventually().until(() -> json(get("/api/notifications?size=100", token(userId))), condition);
	}

	/** The user's notification about the order, once there is one. */
	protected JsonNode notificationAbout(UUID userId, UUID orderId, String type) {
		JsonNode history = historyOnceItShows(userId, (page) -> find(page, orderId, type) != null);
		return find(history, orderId, type);
	}

	protected static JsonNode find(JsonNode page, UUID orderId, String type) {
		for (JsonNode item : page.path("items")) {
			if (orderId.toString().equals(item.path("orderId").asString())
					&& type.equals(item.path("type").asString())) {
				return item;
			}
		}
		return null;
	}

	protected static List<MimeMessage> emailsAbout(String email, UUID orderId) {
		return smtp().messagesTo(email)
			.stream()
			.filter((message) -> Mails.text(message).contains(orderId.toString()))
			.toList();
	}

	protected HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), BodyHandlers.ofString());
	}

	protected HttpResponse<String> post(String path, String token) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Bearer " + token)
			.build(), BodyHandlers.ofString());
	}

	protected HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.build(), BodyHandlers.ofString());
	}

	protected HttpResponse<String> patch(String path, String token, String body)
			throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path))
			.method("PATCH", HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.build(), BodyHandlers.ofString());
	}

	protected URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

}
