package io.bazaar.order.ordering;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores orders with their lines and history. Every state change goes through
 * {@link #lock(UUID)} and {@link #update(Order)} in one transaction: the row lock
 * serialises the changes of one order (a customer's cancellation racing a payment result,
 * two instances' consumers), so each sees the other's outcome.
 */
@Repository
public class OrderRepository {

	private static final String ORDER_COLUMNS = "id, user_id, status, cancel_reason, created_at, updated_at";

	private final JdbcClient jdbc;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void insert(Order order) {
		this.jdbc.sql("""
				INSERT INTO customer_order (id, user_id, status, cancel_reason, total, currency, created_at, updated_at)
				VALUES (:id, :userId, :status, :reason, :total, :currency, :createdAt, :updatedAt)
				""")
			.param("id", order.id())
			.param("userId", order.userId())
			.param("status", order.status().name())
			.param("reason", slug(order.cancellationReason()))
			.param("total", order.total().amount())
			.param("currency", order.total().currency())
			.param("createdAt", timestamp(order.createdAt()))
			.param("updatedAt", timestamp(order.updatedAt()))
			.update();
		List<OrderLine> lines = order.lines();
		for (int i = 0; i < lines.size(); i++) {
			OrderLine line = lines.get(i);
			this.jdbc.sql("""
					INSERT INTO order_line (order_id, line_no, product_id, sku, name, quantity, unit_price)
					VALUES (:orderId, :lineNo, :productId, :sku, :name, :quantity, :unitPrice)
					""")
				.param("orderId", order.id())
				.param("lineNo", i + 1)
				.param("productId", line.productId())
				.param("sku", line.sku())
				.param("name", line.name())
				.param("quantity", line.quantity())
				.param("unitPrice", line.unitPrice().amount())
				.update();
		}
		insertChanges(order);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void update(Order order) {
		this.jdbc
			.sql("UPDATE customer_order SET status = :status, cancel_reason = :reason, updated_at = :updatedAt"
					+ " WHERE id = :id")
			.param("id", order.id())
			.param("status", order.status().name())
			.param("reason", slug(order.cancellationReason()))
			.param("updatedAt", timestamp(order.updatedAt()))
			.update();
		insertChanges(order);
	}

	private void insertChanges(Order order) {
		int seq = order.savedChangeCount();
		for (StatusChange change : order.unsavedChanges()) {
			seq++;
			this.jdbc.sql("""
					INSERT INTO order_status_change (order_id, seq, from_status, to_status, reason, changed_at)
					VALUES (:orderId, :seq, :from, :to, :reason, :at)
					""")
				.param("orderId", order.id())
				.param("seq", seq)
				.param("from", (change.from() != null) ? change.from().name() : null)
				.param("to", change.to().name())
				.param("reason", slug(change.reason()))
				.param("at", timestamp(change.at()))
				.update();
		}
	}

	public Optional<Order> findById(UUID id) {
		return load(id, false);
	}

	/** Loads the order and locks its row until the current transaction ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<Order> lock(UUID id) {
		return load(id, true);
	}

	public Optional<OrderStatus> findStatus(UUID id) {
		return this.jdbc.sql("SELECT status FROM customer_order WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> OrderStatus.valueOf(rs.getString("status")))
			.optional();
	}

	/** The status of each of the orders that exist among {@code ids}, in one query. */
	public Map<UUID, OrderStatus> findStatuses(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<UUID, OrderStatus> statuses = new HashMap<>();
		this.jdbc.sql("SELECT id, status FROM customer_order WHERE id = ANY(:ids)")
			.param("ids", ids.toArray(UUID[]::new))
			.query((rs) -> {
				statuses.put(rs.getObject("id", UUID.class), OrderStatus.valueOf(rs.getString("status")));
			});
		return statuses;
	}

	/** One page of a user's orders, newest first, without their lines. */
	public List<OrderSummary> findByUser(UUID userId, int page, int size) {
		return this.jdbc.sql("""
				SELECT o.id, o.status, o.cancel_reason, o.total, o.currency, o.created_at, o.updated_at,
				       (SELECT sum(quantity) FROM order_line l WHERE l.order_id = o.id) AS item_count
				FROM customer_order o
				WHERE o.user_id = :userId
				ORDER BY o.created_at DESC, o.id
				LIMIT :limit OFFSET :offset
				""")
			.param("userId", userId)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> new OrderSummary(rs.getObject("id", UUID.class),
					OrderStatus.valueOf(rs.getString("status")), reason(rs.getString("cancel_reason")),
					new Money(rs.getBigDecimal("total"), rs.getString("currency")), rs.getInt("item_count"),
					instant(rs, "created_at"), instant(rs, "updated_at")))
			.list();
	}

	public long countByUser(UUID userId) {
		return this.jdbc.sql("SELECT count(*) FROM customer_order WHERE user_id = :userId")
			.param("userId", userId)
			.query(Long.class)
			.single();
	}

	private Optional<Order> load(UUID id, boolean forUpdate) {
		Optional<OrderRow> row = this.jdbc
			.sql("SELECT " + ORDER_COLUMNS + ", currency FROM customer_order WHERE id = :id"
					+ (forUpdate ? " FOR UPDATE" : ""))
			.param("id", id)
			.query((rs, n) -> new OrderRow(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
					OrderStatus.valueOf(rs.getString("status")), reason(rs.getString("cancel_reason")),
					rs.getString("currency"), instant(rs, "created_at"), instant(rs, "updated_at")))
			.optional();
		return row.map(this::withLinesAndHistory);
	}

	private Order withLinesAndHistory(OrderRow row) {
		List<OrderLine> lines = this.jdbc
			.sql("SELECT product_id, sku, name, quantity, unit_price FROM order_line WHERE order_id = :id"
					+ " ORDER BY line_no")
			.param("id", row.id())
			.query((rs, n) -> new OrderLine(rs.getObject("product_id", UUID.class), rs.getString("sku"),
					rs.getString("name"), rs.getInt("quantity"),
					new Money(rs.getBigDecimal("unit_price"), row.currency())))
			.list();
		List<StatusChange> history = this.jdbc
			.sql("SELECT from_status, to_status, reason, changed_at FROM order_status_change WHERE order_id = :id"
					+ " ORDER BY seq")
			.param("id", row.id())
			.query((rs, n) -> new StatusChange(status(rs.getString("from_status")),
					OrderStatus.valueOf(rs.getString("to_status")), reason(rs.getString("reason")),
					instant(rs, "changed_at")))
			.list();
		return Order.restore(row.id(), row.userId(), lines, row.status(), row.reason(), row.createdAt(),
				row.updatedAt(), history);
	}

	private static OrderStatus status(String name) {
		return (name != null) ? OrderStatus.valueOf(name) : null;
	}

	private static CancellationReason reason(String slug) {
		return (slug != null) ? CancellationReason.ofSlug(slug) : null;
	}

	private static String slug(CancellationReason reason) {
		return (reason != null) ? reason.slug() : null;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private record OrderRow(UUID id, UUID userId, OrderStatus status, CancellationReason reason, String currency,
			Instant createdAt, Instant updatedAt) {

	}

}
