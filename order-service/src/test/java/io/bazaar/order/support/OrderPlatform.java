package io.bazaar.order.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.bazaar.testsupport.kafka.KafkaBroker;
import io.bazaar.testsupport.security.TokenIssuer;

/**
 * The world an order-service instance under test talks to: user-service's JWKS, the
 * catalog's product lookup (both real HTTP servers, found through simple discovery), the
 * catalog's inventory side of the saga on the real broker, and topic and group names of
 * its own, so that instances of other tests sharing the broker never see its events.
 */
public final class OrderPlatform {

	private static final int PARTITIONS = 3;

	private final String prefix;

	private final CatalogProductServer catalog;

	private final CatalogInventoryDouble inventory;

	private final KafkaTopics kafka;

	private OrderPlatform(String prefix, CatalogProductServer catalog, CatalogInventoryDouble inventory,
			KafkaTopics kafka) {
		this.prefix = prefix;
		this.catalog = catalog;
		this.inventory = inventory;
		this.kafka = kafka;
	}

	/**
	 * @param name a short name for the topics of this platform
	 * @param withInventory whether the catalog's inventory double runs
	 */
	public static OrderPlatform start(String name, boolean withInventory) {
		String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
		String bootstrapServers = KafkaBroker.shared().bootstrapServers();
		KafkaTopics kafka = new KafkaTopics(bootstrapServers);
		// Created before anyone subscribes: a topic auto-created by a subscriber gets the
		// broker's default partition count, and partitions added later stay unseen by
		// running consumers until their next metadata refresh.
		kafka.create(PARTITIONS, prefix + "orders.events.v1", prefix + "inventory.events.v1",
				prefix + "payments.tasks.v1", prefix + "payments.tasks.v1." + prefix + "order-service-payments.dlt");
		CatalogInventoryDouble inventory = withInventory ? CatalogInventoryDouble.start(bootstrapServers,
				prefix + "orders.events.v1", prefix + "inventory.events.v1") : null;
		return new OrderPlatform(prefix, CatalogProductServer.start(), inventory, kafka);
	}

	public String orderEvents() {
		return this.prefix + "orders.events.v1";
	}

	public String inventoryEvents() {
		return this.prefix + "inventory.events.v1";
	}

	public String paymentTasks() {
		return this.prefix + "payments.tasks.v1";
	}

	public String paymentDeadLetters() {
		return this.prefix + "payments.tasks.v1." + prefix + "order-service-payments.dlt";
	}

	public String sagaGroup() {
		return this.prefix + "order-service-saga";
	}

	public String deadLetterGroup() {
		return this.prefix + "order-service-payment-dlt";
	}

	public String paymentGroup() {
		return this.prefix + "order-service-payments";
	}

	/** User-service's token issuer, the one every test shares. */
	public TokenIssuer tokens() {
		return TokenIssuer.shared();
	}

	public CatalogProductServer catalog() {
		return this.catalog;
	}

	public CatalogInventoryDouble inventory() {
		if (this.inventory == null) {
			throw new IllegalStateException("This platform runs without the inventory double");
		}
		return this.inventory;
	}

	public KafkaTopics kafka() {
		return this.kafka;
	}

	/** The properties that connect an order-service instance to this platform. */
	public Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(TokenIssuer.DISCOVERY_PROPERTY, tokens().uri());
		properties.put("spring.cloud.discovery.client.simple.instances.catalog-service[0].uri", this.catalog.uri());
		properties.put("orders.messaging.order-events", orderEvents());
		properties.put("orders.messaging.inventory-events", inventoryEvents());
		properties.put("orders.messaging.payment-tasks", paymentTasks());
		properties.put("orders.messaging.payment-dead-letters", paymentDeadLetters());
		properties.put("orders.messaging.saga-group", sagaGroup());
		properties.put("orders.messaging.payment-group", paymentGroup());
		properties.put("orders.messaging.dead-letter-group", deadLetterGroup());
		properties.put("platform.dead-letters.group", this.prefix + "order-service-dead-letters");
		properties.put("orders.messaging.order-event-partitions", PARTITIONS);
		properties.put("orders.messaging.payment-task-partitions", PARTITIONS);
		// Short simulated latency and backoff keep the saga quick; the timing of
		// assertions never depends on them.
		properties.put("orders.payment.latency", "PT0.02S");
		properties.put("orders.payment.retry.max-attempts", 4);
		properties.put("orders.payment.retry.initial-interval", "PT0.2S");
		properties.put("orders.payment.retry.max-interval", "PT1S");
		properties.put("orders.payment.backlog-refresh", "PT0.5S");
		properties.put("management.tracing.sampling.probability", "1.0");
		return properties;
	}

}
