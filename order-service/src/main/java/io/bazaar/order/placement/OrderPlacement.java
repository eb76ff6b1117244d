package io.bazaar.order.placement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.bazaar.order.ordering.AmountOutOfRangeException;
import io.bazaar.order.ordering.Caller;
import io.bazaar.order.ordering.Money;
import io.bazaar.order.ordering.Order;
import io.bazaar.order.ordering.OrderEvents;
import io.bazaar.order.ordering.OrderLine;
import io.bazaar.order.ordering.OrderMetrics;
import io.bazaar.order.ordering.OrderRepository;
import io.bazaar.runtime.logging.QuietLog;
import io.bazaar.runtime.validation.FieldError;
import io.bazaar.runtime.validation.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places orders: checks every product and snapshots its price from the catalog, in one
 * call for all lines, then writes the order, its Idempotency-Key and its
 * {@code OrderPlaced} event in one transaction. The catalog is called before the
 * transaction opens, so no database connection waits on the network.
 */
@Service
class OrderPlacement {

	private static final Logger logger = LoggerFactory.getLogger(OrderPlacement.class);

	private final CatalogClient catalog;

	private final IdempotencyKeys keys;

	private final OrderRepository orders;

	private final OrderEvents events;

	private final OrderMetrics metrics;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final QuietLog refusals = new QuietLog(logger, Duration.ofSeconds(10),
			"{} order(s) refused since the last line: the catalog did not answer ({})");

	OrderPlacement(CatalogClient catalog, IdempotencyKeys keys, OrderRepository orders, OrderEvents events,
			OrderMetrics metrics, TransactionTemplate transactions, Clock clock) {
		this.catalog = catalog;
		this.keys = keys;
		this.orders = orders;
		this.events = events;
		this.metrics = metrics;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Places the order, or returns the order an earlier request with the same key and
	 * body placed.
	 */
	Placement place(Caller caller, String idempotencyKey, PlaceOrderRequest request) {
		rejectRepeatedProducts(request);
		String fingerprint = RequestFingerprint.of(request);
		Optional<Placement> earlier = earlierPlacement(caller, idempotencyKey, fingerprint);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		List<OrderLine> lines = priced(request);
		rejectAmountsOutOfRange(lines);
		Order order = Order.place(UUID.randomUUID(), caller.userId(), lines, this.clock.instant());
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.orders.insert(order);
				this.keys.insert(caller.userId(), idempotencyKey, fingerprint, order.id(), order.createdAt());
				this.events.placed(order);
				this.metrics.placed();
			});
			return new Placement(order, false);
		}
		catch (DuplicateKeyException ex) {
			// A concurrent request with the same key committed first: answer with its
			// order.
			return earlierPlacement(caller, idempotencyKey, fingerprint).orElseThrow(() -> ex);
		}
	}

	private Optional<Placement> earlierPlacement(Caller caller, String idempotencyKey, String fingerprint) {
		return this.keys.find(caller.userId(), idempotencyKey).map((stored) -> {
			if (!stored.requestHash().equals(fingerprint)) {
				throw new PlacementRefusal.KeyReused();
			}
			Order order = this.orders.findById(stored.orderId())
				.orElseThrow(
						() -> new IllegalStateException("Idempotency-Key points at missing order " + stored.orderId()));
			return new Placement(order, true);
		});
	}

	private static void rejectRepeatedProducts(PlaceOrderRequest request) {
		Set<UUID> seen = new HashSet<>();
		List<FieldError> errors = new ArrayList<>();
		List<PlaceOrderRequest.Item> items = request.items();
		for (int i = 0; i < items.size(); i++) {
			if (!seen.add(items.get(i).productId())) {
				errors.add(new FieldError("items[" + i + "].productId", "lists a product already ordered above"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	/**
	 * A line's amount (quantity times the catalog's price) and the order's total must fit
	 * the amounts an order stores; checked before anything is written.
	 */
	private static void rejectAmountsOutOfRange(List<OrderLine> lines) {
		List<FieldError> errors = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		for (int i = 0; i < lines.size(); i++) {
			try {
				total = total.add(lines.get(i).lineTotal().amount());
			}
			catch (AmountOutOfRangeException ex) {
				errors.add(new FieldError("items[" + i + "].quantity",
						"makes the line's amount exceed " + Money.MAX.toPlainString()));
			}
		}
		if (errors.isEmpty() && total.compareTo(Money.MAX) > 0) {
			errors.add(new FieldError("items", "make the order's total exceed " + Money.MAX.toPlainString()));
		}
		if (!errors.isEmpty()) {
			throw new PlacementRefusal.AmountOutOfRange(errors);
		}
	}

	private List<OrderLine> priced(PlaceOrderRequest request) {
		List<PlaceOrderRequest.Item> items = request.items();
		Map<UUID, CatalogProduct> products;
		try {
			products = this.catalog.findAll(items.stream().map(PlaceOrderRequest.Item::productId).toList());
		}
		catch (CatalogUnavailableException ex) {
			this.refusals.happened(ex);
			throw ex;
		}
		List<OrderLine> lines = new ArrayList<>();
		List<FieldError> unknown = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			PlaceOrderRequest.Item item = items.get(i);
			CatalogProduct found = products.get(item.productId());
			if (found == null) {
				unknown.add(new FieldError("items[" + i + "].productId", "is not a product of the catalog"));
				continue;
			}
			lines.add(new OrderLine(found.id(), found.sku(), found.name(), item.quantity(),
					new Money(found.price().amount(), found.price().currency())));
		}
		if (!unknown.isEmpty()) {
			throw new PlacementRefusal.UnknownProducts(unknown);
		}
		List<String> currencies = lines.stream().map((line) -> line.unitPrice().currency()).distinct().toList();
		if (currencies.size() > 1) {
			throw new PlacementRefusal.MixedCurrencies(currencies);
		}
		return lines;
	}

	/**
	 * @param order the order
	 * @param replayed whether an earlier request with the same key placed it
	 */
	record Placement(Order order, boolean replayed) {

	}

}
