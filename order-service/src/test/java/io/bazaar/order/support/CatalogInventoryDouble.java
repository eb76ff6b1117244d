package io.bazaar.order.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test double of catalog-service's side of the order saga, written to the event
 * contract (EVENTS.md): it consumes {@code orders.events.v1} from the real broker and
 * answers on {@code inventory.events.v1}.
 * <ul>
 * <li>{@code OrderPlaced}: reserves every line or nothing (all or nothing, atomically
 * against the stock it holds), once per order, and publishes {@code StockReserved} or
 * {@code StockRejected};</li>
 * <li>{@code OrderCancelled}: releases the order's reservation, if it holds one;</li>
 * <li>{@code OrderConfirmed}: commits the reservation: the stock leaves for good.</li>
 * </ul>
 * It deduplicates by event id, records what it saw and published, and notes contract
 * violations (an order confirmed without a reservation, a cancellation that says nothing
 * is reserved while it holds stock) for tests to assert there are none.
 */
public final class CatalogInventoryDouble implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String inventoryTopic;

	private final KafkaConsumer<String, String> consumer;

	private final KafkaProducer<String, String> producer;

	private final Thread thread;

	private final Map<UUID, Integer> available = new HashMap<>();

	private final Map<UUID, Integer> sold = new HashMap<>();

	private final Map<UUID, Reservation> reservations = new HashMap<>();

	private final Set<UUID> processedEventIds = new HashSet<>();

	private final Map<UUID, Integer> placementsToLose = new HashMap<>();

	private final Map<UUID, Integer> lost = new HashMap<>();

	private final List<JsonNode> received = new CopyOnWriteArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final Object gate = new Object();

	private volatile boolean running = true;

	private boolean paused;

	private volatile boolean duplicateAnswers;

	private int lowestAvailable = Integer.MAX_VALUE;

	private CatalogInventoryDouble(String bootstrapServers, String orderEventsTopic, String inventoryTopic) {
		this.inventoryTopic = inventoryTopic;
		Properties consumerProperties = new Properties();
		consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, "catalog-inventory-double-" + UUID.randomUUID());
		consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		consumerProperties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
		consumerProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		consumerProperties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		this.consumer = new KafkaConsumer<>(consumerProperties);
		Properties producerProperties = new Properties();
		producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
		producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
		producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
		producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
		this.producer = new KafkaProducer<>(producerProperties);
		this.consumer.subscribe(List.of(orderEventsTopic));
		this.thread = new Thread(this::run, "catalog-inventory-double");
		this.thread.setDaemon(true);
	}

	public static CatalogInventoryDouble start(String bootstrapServers, String orderEventsTopic,
			String inventoryTopic) {
		CatalogInventoryDouble inventory = new CatalogInventoryDouble(bootstrapServers, orderEventsTopic,
				inventoryTopic);
		inventory.thread.start();
		return inventory;
	}

	/** Sets how many units of a product are available. */
	public synchronized void stock(UUID productId, int units) {
		this.available.put(productId, units);
	}

	public synchronized int available(UUID productId) {
		return this.available.getOrDefault(productId, 0);
	}

	/** Units that left for good (reservations of confirmed orders). */
	public synchronized int sold(UUID productId) {
		return this.sold.getOrDefault(productId, 0);
	}

	/** The lowest availability any product ever had while the double ran. */
	public synchronized int lowestAvailable() {
		return this.lowestAvailable;
	}

	/** The state of the reservation of an order, or {@code null} if it never had one. */
	public synchronized String reservationState(UUID orderId) {
		Reservation reservation = this.reservations.get(orderId);
		return (reservation != null) ? reservation.state : null;
	}

	/** Order events received (after deduplication), oldest first. */
	public List<JsonNode> received(UUID orderId) {
		return this.received.stream()
			.filter((event) -> orderId.toString().equals(event.path("orderId").asString()))
			.toList();
	}

	public List<String> violations() {
		return List.copyOf(this.violations);
	}

	/**
	 * Loses the next {@code times} {@code OrderPlaced} events of orders with this
	 * product, as if they never arrived: neither recorded as seen nor answered.
	 */
	public synchronized void losePlacementsOf(UUID productId, int times) {
		this.placementsToLose.put(productId, times);
	}

	/** How many {@code OrderPlaced} events of the order were lost. */
	public synchronized int lostPlacements(UUID orderId) {
		return this.lost.getOrDefault(orderId, 0);
	}

	/** Stops handling order events until {@link #resume()}; they wait on the topic. */
	public void pause() {
		synchronized (this.gate) {
			this.paused = true;
		}
	}

	public void resume() {
		synchronized (this.gate) {
			this.paused = false;
			this.gate.notifyAll();
		}
	}

	/**
	 * Publishes every answer twice, with the same event id (an at-least-once producer).
	 */
	public void duplicateAnswers(boolean duplicate) {
		this.duplicateAnswers = duplicate;
	}

	private void run() {
		try {
			while (this.running) {
				for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
					awaitResumed();
					handle(record);
				}
				this.consumer.commitSync();
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.consumer.close(Duration.ofSeconds(1));
		}
	}

	private void awaitResumed() throws InterruptedException {
		synchronized (this.gate) {
			while (this.paused && this.running) {
				this.gate.wait(100);
			}
		}
	}

	private void handle(ConsumerRecord<String, String> record) {
		JsonNode event = json.readTree(record.value());
		UUID eventId = UUID.fromString(event.path("eventId").asString());
		synchronized (this) {
			if (lose(event) || !this.processedEventIds.add(eventId)) {
				return;
			}
		}
		this.received.add(event);
		UUID orderId = UUID.fromString(event.path("orderId").asString());
		String traceparent = header(record, "traceparent");
		switch (event.path("type").asString()) {
			case "OrderPlaced" -> reserve(orderId, event, traceparent);
			case "OrderCancelled" -> release(orderId, event.path("stockReserved").asBoolean());
			case "OrderConfirmed" -> commit(orderId);
			default -> this.violations.add("Unknown order event type " + event.path("type").asString());
		}
	}

	private boolean lose(JsonNode event) {
		if (!"OrderPlaced".equals(event.path("type").asString())) {
			return false;
		}
		for (JsonNode item : event.path("items")) {
			UUID productId = UUID.fromString(item.path("productId").asString());
			int toLose = this.placementsToLose.getOrDefault(productId, 0);
			if (toLose > 0) {
				this.placementsToLose.put(productId, toLose - 1);
				this.lost.merge(UUID.fromString(event.path("orderId").asString()), 1, Integer::sum);
				return true;
			}
		}
		return false;
	}

	private void reserve(UUID orderId, JsonNode event, String traceparent) {
		Map<UUID, Integer> lines = new LinkedHashMap<>();
		event.path("items")
			.forEach((item) -> lines.put(UUID.fromString(item.path("productId").asString()),
					item.path("quantity").asInt()));
		Map<String, Object> answer = new LinkedHashMap<>();
		synchronized (this) {
			if (this.reservations.containsKey(orderId)) {
				return;
			}
			List<String> short_ = new ArrayList<>();
			lines.forEach((productId, quantity) -> {
				if (this.available.getOrDefault(productId, 0) < quantity) {
					short_.add(productId.toString());
				}
			});
			if (short_.isEmpty()) {
				lines.forEach((productId, quantity) -> {
					int left = this.available.get(productId) - quantity;
					this.available.put(productId, left);
					this.lowestAvailable = Math.min(this.lowestAvailable, left);
				});
				this.reservations.put(orderId, new Reservation(lines, "RESERVED"));
				answer.putAll(envelope("StockReserved", orderId, traceparent));
				answer.put("items",
						lines.entrySet()
							.stream()
							.map((line) -> Map.of("productId", line.getKey().toString(), "quantity", line.getValue()))
							.toList());
			}
			else {
				this.reservations.put(orderId, new Reservation(Map.of(), "REJECTED"));
				answer.putAll(envelope("StockRejected", orderId, traceparent));
				answer.put("reason", "insufficient-stock");
				answer.put("productIds", short_);
			}
		}
		publish(orderId, answer, traceparent);
	}

	private synchronized void release(UUID orderId, boolean stockReserved) {
		Reservation reservation = this.reservations.get(orderId);
		if (reservation == null || !"RESERVED".equals(reservation.state)) {
			return;
		}
		if (!stockReserved) {
			this.violations.add("Order " + orderId + " cancelled with stockReserved=false while stock is reserved");
		}
		reservation.lines.forEach((productId, quantity) -> this.available.merge(productId, quantity, Integer::sum));
		reservation.state = "RELEASED";
	}

	private synchronized void commit(UUID orderId) {
		Reservation reservation = this.reservations.get(orderId);
		if (reservation == null || !"RESERVED".equals(reservation.state)) {
			this.violations.add("Order " + orderId + " confirmed without a reservation ("
					+ ((reservation != null) ? reservation.state : "none") + ")");
			return;
		}
		reservation.lines.forEach((productId, quantity) -> this.sold.merge(productId, quantity, Integer::sum));
		reservation.state = "COMMITTED";
	}

	private static Map<String, Object> envelope(String type, UUID orderId, String traceparent) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("eventId", UUID.randomUUID().toString());
		envelope.put("type", type);
		envelope.put("version", 1);
		envelope.put("occurredAt", Instant.now().toString());
		envelope.put("orderId", orderId.toString());
		envelope.put("traceparent", traceparent);
		return envelope;
	}

	private void publish(UUID orderId, Map<String, Object> answer, String traceparent) {
		String value = json.writeValueAsString(answer);
		int copies = this.duplicateAnswers ? 2 : 1;
		for (int i = 0; i < copies; i++) {
			ProducerRecord<String, String> record = new ProducerRecord<>(this.inventoryTopic, orderId.toString(),
					value);
			if (traceparent != null) {
				record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
			}
			try {
				this.producer.send(record).get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException ex) {
				this.violations
					.add("Could not publish " + answer.get("type") + " for " + orderId + ": " + ex.getCause());
			}
		}
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void close() {
		this.running = false;
		resume();
		this.consumer.wakeup();
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.producer.close(Duration.ofSeconds(1));
	}

	private static final class Reservation {

		private final Map<UUID, Integer> lines;

		private String state;

		private Reservation(Map<UUID, Integer> lines, String state) {
			this.lines = lines;
			this.state = state;
		}

	}

}
