package io.bazaar.order.events;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event catalogue (EVENTS.md) and the events on the wire agree: each documented
 * example has exactly the fields the service writes, and the service reads the documented
 * inventory events.
 */
class EventCatalogueTest {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final EventJson json = new EventJson(mapper);

	private final EventMetadata metadata = new EventMetadata(UUID.randomUUID(),
			Instant.parse("2026-11-23T10:15:30.123456Z"), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

	private static final UUID ORDER = UUID.randomUUID();

	private static final UUID USER = UUID.randomUUID();

	@Test
	void orderPlacedIsWrittenAsDocumented() throws IOException {
		OrderPlaced event = OrderPlaced.of(this.metadata, ORDER, USER,
				List.of(new OrderPlaced.Item(UUID.randomUUID(), 2, new BigDecimal("19.99"), "EUR")),
				new BigDecimal("39.98"), "EUR");

		JsonNode written = mapper.readTree(this.json.write(event));

		assertThat(fields(written)).isEqualTo(fields(documented("OrderPlaced")));
		assertThat(written.path("total").isString()).isTrue();
		assertThat(written.path("total").asString()).isEqualTo("39.98");
		assertThat(written.path("items").get(0).path("unitPrice").asString()).isEqualTo("19.99");
		assertThat(written.path("occurredAt").asString()).isEqualTo("2026-11-23T10:15:30.123456Z");
		assertThat(written.path("version").asInt()).isEqualTo(1);
	}

	@Test
	void orderConfirmedIsWrittenAsDocumented() throws IOException {
		OrderConfirmed event = OrderConfirmed.of(this.metadata, ORDER, USER, List
			.of(new OrderConfirmed.Item(UUID.randomUUID(), "LAMP-001", "Desk lamp", 2, new BigDecimal("19.99"), "EUR")),
				new BigDecimal("39.98"), "EUR");

		assertThat(fields(mapper.readTree(this.json.write(event)))).isEqualTo(fields(documented("OrderConfirmed")));
	}

	@Test
	void orderCancelledIsWrittenAsDocumented() throws IOException {
		OrderCancelled event = OrderCancelled.of(this.metadata, ORDER, USER, "payment-declined", true);

		JsonNode written = mapper.readTree(this.json.write(event));

		assertThat(fields(written)).isEqualTo(fields(documented("OrderCancelled")));
		assertThat(written.path("stockReserved").isBoolean()).isTrue();
	}

	@Test
	void paymentRequestedIsWrittenAsDocumentedAndReadBack() throws IOException {
		PaymentRequested event = PaymentRequested.of(this.metadata, ORDER, USER, new BigDecimal("39.98"), "EUR");
		String written = this.json.write(event);

		assertThat(fields(mapper.readTree(written))).isEqualTo(fields(documented("PaymentRequested")));
		assertThat(this.json.read(written, PaymentRequested.class)).isEqualTo(event);
	}

	@Test
	void documentedInventoryEventsAreRead() throws IOException {
		InventoryEvent reserved = this.json.read(documented("StockReserved").toString(), InventoryEvent.class);
		InventoryEvent rejected = this.json.read(documented("StockRejected").toString(), InventoryEvent.class);

		assertThat(reserved.type()).isEqualTo(InventoryEvent.STOCK_RESERVED);
		assertThat(reserved.eventId()).isNotNull();
		assertThat(reserved.orderId()).isNotNull();
		assertThat(reserved.items()).singleElement().satisfies((item) -> assertThat(item.quantity()).isEqualTo(2));
		assertThat(rejected.type()).isEqualTo(InventoryEvent.STOCK_REJECTED);
		assertThat(rejected.reason()).isEqualTo("insufficient-stock");
		assertThat(rejected.productIds()).hasSize(1);
	}

	@Test
	void inventoryEventsWithFieldsAddedLaterAreStillRead() {
		String future = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"StockReserved\",\"version\":1,"
				+ "\"orderId\":\"" + ORDER + "\",\"warehouse\":\"north\",\"items\":[]}";

		InventoryEvent event = this.json.read(future, InventoryEvent.class);

		assertThat(event.orderId()).isEqualTo(ORDER);
		assertThat(event.version()).isEqualTo(1);
	}

	/** The example JSON under the event's heading in EVENTS.md. */
	private static JsonNode documented(String type) throws IOException {
		String catalogue = Files.readString(Path.of("EVENTS.md"));
		Matcher example = Pattern.compile("### " + type + "\\n.*?```json\\n(.*?)```", Pattern.DOTALL)
			.matcher(catalogue);
		assertThat(example.find()).as("an example of " + type + " in EVENTS.md").isTrue();
		return mapper.readTree(example.group(1));
	}

	/** Field paths, nested ones included ({@code items[].sku}). */
	private static Set<String> fields(JsonNode node) {
		Set<String> fields = new TreeSet<>();
		collect("", node, fields);
		return fields;
	}

	private static void collect(String prefix, JsonNode node, Set<String> fields) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> {
				fields.add(prefix + entry.getKey());
				collect(prefix + entry.getKey() + ".", entry.getValue(), fields);
			});
		}
		else if (node.isArray() && !node.isEmpty()) {
			collect(prefix.substring(0, prefix.length() - 1) + "[].", node.get(0), fields);
		}
	}

}
