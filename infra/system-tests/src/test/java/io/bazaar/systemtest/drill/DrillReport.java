package io.bazaar.systemtest.drill;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.bazaar.systemtest.drill.PlacedOrder.FailedAttempt;
import io.bazaar.systemtest.platform.Mailbox.ReceivedMail;
import io.bazaar.systemtest.platform.Platform;
import io.bazaar.testsupport.postgres.IsolatedDatabase;

/**
 * What a drill did to the orders sent during it, once the platform has settled: each
 * accepted order ended (confirmed or cancelled) with its stock applied once, one
 * notification and one e-mail; nothing else was stored.
 *
 * @param drill the drill's name
 * @param sent orders the clients tried to place
 * @param accepted orders the platform acknowledged (201)
 * @param confirmed accepted orders that ended confirmed
 * @param cancelled accepted orders that ended cancelled
 * @param lost effects missing once settled: an accepted order that never ended, a
 * notification or e-mail never sent, stock not applied
 * @param duplicated effects applied more than once: an order stored twice or without the
 * client's knowing, a second notification or e-mail, stock taken twice
 * @param retriedErrors failed attempts the client retried
 * @param reportedErrors orders that ended in a clear problem+json refusal
 * @param unclearErrors answers that were neither success nor problem+json, and orders
 * given up without any answer
 * @param settled how long the platform took, after the traffic ended, to settle
 * @param findings what was lost or duplicated, one line each
 */
public record DrillReport(String drill, int sent, int accepted, int confirmed, int cancelled, int lost, int duplicated,
		int retriedErrors, int reportedErrors, int unclearErrors, Duration settled, List<String> findings) {

	private static final Set<String> ENDED = Set.of("CONFIRMED", "CANCELLED");

	private static final Pattern ID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/**
	 * Waits up to {@code patience} for the platform to settle, then counts.
	 * @param stockBefore the ordered products' stock before the drill
	 */
	public static DrillReport settle(String drill, Platform platform, List<Customer> customers,
			List<PlacedOrder> placed, Stock stockBefore, Duration patience) throws Exception {
		Instant started = Instant.now();
		Instant deadline = started.plus(patience);
		List<UUID> customerIds = customers.stream().map(Customer::id).toList();
		Map<UUID, PlacedOrder> acceptedOrders = placed.stream()
			.filter(PlacedOrder::accepted)
			.collect(Collectors.toMap(PlacedOrder::orderId, Function.identity()));

		Map<UUID, String> stored = waitFor(deadline, () -> statuses(platform.database("order-service"), customerIds),
				(statuses) -> acceptedOrders.keySet().stream().allMatch((id) -> ENDED.contains(statuses.get(id))));
		Map<String, Integer> notifications = waitFor(deadline,
				() -> notifications(platform.database("notification-service"), customerIds),
				(counts) -> stored.entrySet()
					.stream()
					.filter((order) -> ENDED.contains(order.getValue()))
					.allMatch((order) -> counts.containsKey(order.getKey() + " " + order.getValue())));
		Map<UUID, Integer> emails = waitFor(deadline, () -> emails(platform, acceptedOrders.values()),
				(counts) -> acceptedOrders.keySet()
					.stream()
					.filter((id) -> ENDED.contains(stored.get(id)))
					.allMatch((id) -> counts.getOrDefault(id, 0) > 0));
		Duration settled = Duration.between(started, Instant.now());
		Stock stockAfter = Stock.of(platform.database("catalog-service"), stockBefore.onHand().keySet());

		List<String> lost = new ArrayList<>();
		List<String> duplicated = new ArrayList<>();
		Set<String> acceptedKeys = new HashSet<>();
		for (PlacedOrder order : acceptedOrders.values()) {
			acceptedKeys.add(order.idempotencyKey());
			String status = stored.get(order.orderId());
			if (!ENDED.contains(status)) {
				lost.add("order " + order.orderId() + " accepted but " + ((status != null) ? status : "not stored"));
				continue;
			}
			int notified = notifications.getOrDefault(order.orderId() + " " + status, 0);
			if (notified != 1) {
				(notified == 0 ? lost : duplicated)
					.add("order " + order.orderId() + " " + status + " has " + notified + " notifications");
			}
			int mailed = emails.getOrDefault(order.orderId(), 0);
			if (mailed != 1) {
				(mailed == 0 ? lost : duplicated)
					.add("order " + order.orderId() + " " + status + " has " + mailed + " e-mails");
			}
		}
		for (UUID id : stored.keySet()) {
			if (!acceptedOrders.containsKey(id)) {
				duplicated
					.add("order " + id + " stored, " + stored.get(id) + ", though no client was told it was accepted");
			}
		}
		Map<UUID, Long> confirmedUnits = acceptedOrders.values()
			.stream()
			.filter((order) -> "CONFIRMED".equals(stored.get(order.orderId())))
			.collect(Collectors.groupingBy(PlacedOrder::productId, Collectors.counting()));
		for (UUID product : stockBefore.onHand().keySet()) {
			long taken = stockBefore.onHand().get(product) - stockAfter.onHand().get(product);
			long expected = confirmedUnits.getOrDefault(product, 0L);
			if (taken != expected) {
				(taken < expected ? lost : duplicated).add(
						"product " + product + ": " + taken + " units taken from stock for " + expected + " confirmed");
			}
			int stillReserved = stockAfter.reserved().get(product) - stockBefore.reserved().get(product);
			if (stillReserved != 0) {
				duplicated
					.add("product " + product + ": " + stillReserved + " units still reserved after every order ended");
			}
		}

		int retried = 0;
		int reported = 0;
		int unclear = 0;
		for (PlacedOrder order : placed) {
			List<FailedAttempt> errors = order.errors();
			for (int i = 0; i < errors.size(); i++) {
				FailedAttempt attempt = errors.get(i);
				boolean last = i == errors.size() - 1;
				if (attempt.status() != 0 && !attempt.problem()) {
					unclear++;
				}
				else if (!order.accepted() && last) {
					if (attempt.problem()) {
						reported++;
					}
					else {
						unclear++;
					}
				}
				else {
					retried++;
				}
			}
		}
		List<String> findings = new ArrayList<>(lost);
		findings.addAll(duplicated);
		return new DrillReport(drill, placed.size(), acceptedOrders.size(),
				count(stored, acceptedOrders.keySet(), "CONFIRMED"),
				count(stored, acceptedOrders.keySet(), "CANCELLED"), lost.size(), duplicated.size(), retried, reported,
				unclear, settled, List.copyOf(findings));
	}

	/** One line for the drill's log and the build output. */
	public String summary() {
		return "%-30s sent %4d  accepted %4d  confirmed %4d  cancelled %3d  lost %d  duplicated %d  client errors: retried %d, reported %d, unclear %d  settled in %d s"
			.formatted(this.drill, this.sent, this.accepted, this.confirmed, this.cancelled, this.lost, this.duplicated,
					this.retriedErrors, this.reportedErrors, this.unclearErrors, this.settled.toSeconds());
	}

	private static int count(Map<UUID, String> stored, Set<UUID> orders, String status) {
		return (int) orders.stream().filter((id) -> status.equals(stored.get(id))).count();
	}

	private static Map<UUID, String> statuses(IsolatedDatabase orders, List<UUID> customers) throws SQLException {
		Map<UUID, String> statuses = new HashMap<>();
		Rows.query(orders, "SELECT id, status FROM customer_order WHERE user_id = ANY (?)", customers,
				(rows) -> statuses.put(rows.getObject("id", UUID.class), rows.getString("status")));
		return statuses;
	}

	/** Notifications per "orderId STATUS" (the order status they announce). */
	private static Map<String, Integer> notifications(IsolatedDatabase notifications, List<UUID> customers)
			throws SQLException {
		Map<String, Integer> counts = new HashMap<>();
		Rows.query(notifications, """
				SELECT details ->> 'orderId' AS order_id, kind, count(*) AS notifications FROM notification
				WHERE user_id = ANY (?) AND kind <> 'WELCOME' GROUP BY 1, 2""", customers,
				(rows) -> counts.put(rows.getString("order_id") + " " + rows.getString("kind").replace("ORDER_", ""),
						rows.getInt("notifications")));
		return counts;
	}

	/**
	 * How many e-mails name each order: messages to the order's customer whose subject or
	 * text holds the order's id. The mailbox is read once, and each message's ids looked
	 * up.
	 */
	private static Map<UUID, Integer> emails(Platform platform, Collection<PlacedOrder> orders) {
		Map<UUID, PlacedOrder> byId = orders.stream()
			.collect(Collectors.toMap(PlacedOrder::orderId, Function.identity()));
		Map<UUID, Integer> counts = new HashMap<>();
		for (ReceivedMail mail : platform.mailbox().received()) {
			Set<UUID> named = ID.matcher(mail.text())
				.results()
				.map((match) -> UUID.fromString(match.group()))
				.filter(byId::containsKey)
				.collect(Collectors.toSet());
			for (UUID orderId : named) {
				if (mail.isTo(byId.get(orderId).customer().email())) {
					counts.merge(orderId, 1, Integer::sum);
				}
			}
		}
		return counts;
	}

	private static <T> T waitFor(Instant deadline, Reading<T> reading, Predicate<T> done) throws Exception {
		T value = reading.read();
		while (!done.test(value) && Instant.now().isBefore(deadline)) {
			Thread.sleep(500);
			value = reading.read();
		}
		return value;
	}

	private interface Reading<T> {

		T read() throws Exception;

	}

}
