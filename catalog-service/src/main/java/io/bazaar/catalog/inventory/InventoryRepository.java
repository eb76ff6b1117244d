package io.bazaar.catalog.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stock and reservations. Every movement of units is one conditional {@code UPDATE}: the
 * condition is checked against the row as it is when the update runs (other writers wait
 * on its row lock), never against a value read earlier.
 */
@Repository
class InventoryRepository {

	private final JdbcClient jdbc;

	InventoryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StockLevel> stock(UUID productId) {
		return this.jdbc.sql("SELECT product_id, on_hand, reserved FROM inventory WHERE product_id = :id")
			.param("id", productId)
			.query(InventoryRepository::stockLevel)
			.optional();
	}

	Set<UUID> existing(Collection<UUID> productIds) {
		return new HashSet<>(this.jdbc.sql("SELECT product_id FROM inventory WHERE product_id IN (:ids)")
			.param("ids", productIds)
			.query(UUID.class)
			.list());
	}

	/** Holds {@code quantity} units if that many are available. */
	boolean reserve(UUID productId, int quantity) {
		return this.jdbc.sql("""
				UPDATE inventory SET reserved = reserved + :quantity, updated_at = now()
				WHERE product_id = :id AND on_hand - reserved >= :quantity""")
			.param("id", productId)
			.param("quantity", quantity)
			.update() == 1;
	}

	void release(UUID productId, int quantity) {
		this.jdbc.sql("""
				UPDATE inventory SET reserved = reserved - :quantity, updated_at = now()
				WHERE product_id = :id AND reserved >= :quantity""")
			.param("id", productId)
			.param("quantity", quantity)
			.update();
	}

	/** Turns held units into sold ones: they leave the warehouse. */
	void sell(UUID productId, int quantity) {
		this.jdbc.sql("""
				UPDATE inventory SET on_hand = on_hand - :quantity, reserved = reserved - :quantity, updated_at = now()
				WHERE product_id = :id AND reserved >= :quantity""")
			.param("id", productId)
			.param("quantity", quantity)
			.update();
	}

	/** Adds (or removes) units on hand, never below the reserved ones. */
	Optional<StockLevel> adjust(UUID productId, int delta) {
		return this.jdbc.sql("""
				UPDATE inventory SET on_hand = on_hand + :delta, updated_at = now()
				WHERE product_id = :id AND on_hand + :delta >= reserved
				RETURNING product_id, on_hand, reserved""")
			.param("id", productId)
			.param("delta", delta)
			.query(InventoryRepository::stockLevel)
			.optional();
	}

	/**
	 * Records a new reservation of {@code lines} (whose rows {@link #insertLines}
	 * writes); none when the order already has one. It and {@link #updateStatus} answer
	 * with the reservation as written rather than reading it back: two queries fewer for
	 * each order's reservation and for its commit (infra/benchmarks/RESULTS.md, run 16).
	 */
	Optional<Reservation> insertReservation(UUID orderId, List<ReservationLine> lines) {
		return this.jdbc.sql("""
				INSERT INTO reservation (order_id, status) VALUES (:orderId, 'RESERVED')
				ON CONFLICT (order_id) DO NOTHING
				RETURNING created_at, updated_at""")
			.param("orderId", orderId)
			.query((rs, row) -> new Reservation(orderId, ReservationStatus.RESERVED, lines, instant(rs, "created_at"),
					instant(rs, "updated_at")))
			.optional();
	}

	void insertLines(UUID orderId, List<ReservationLine> lines) {
		for (ReservationLine line : lines) {
			this.jdbc.sql(
					"INSERT INTO reservation_line (order_id, product_id, quantity) VALUES (:orderId, :productId, :quantity)")
				.param("orderId", orderId)
				.param("productId", line.productId())
				.param("quantity", line.quantity())
				.update();
		}
	}

	/** The reservation, its row locked until the transaction ends when {@code lock}. */
	Optional<Reservation> find(UUID orderId, boolean lock) {
		return this.jdbc
			.sql("SELECT order_id, status, created_at, updated_at FROM reservation WHERE order_id = :orderId"
					+ (lock ? " FOR UPDATE" : ""))
			.param("orderId", orderId)
			.query((rs, row) -> new Reservation(rs.getObject("order_id", UUID.class),
					ReservationStatus.valueOf(rs.getString("status")), List.of(), instant(rs, "created_at"),
					instant(rs, "updated_at")))
			.optional()
			.map((header) -> new Reservation(header.orderId(), header.status(), lines(orderId), header.createdAt(),
					header.updatedAt()));
	}

	/** Moves the reservation to {@code status}; the reservation as it is now. */
	Reservation updateStatus(Reservation reservation, ReservationStatus status) {
		Instant updatedAt = this.jdbc
			.sql("UPDATE reservation SET status = :status, updated_at = now() WHERE order_id = :orderId"
					+ " RETURNING updated_at")
			.param("orderId", reservation.orderId())
			.param("status", status.name())
			.query((rs, row) -> instant(rs, "updated_at"))
			.single();
		return new Reservation(reservation.orderId(), status, reservation.items(), reservation.createdAt(), updatedAt);
	}

	private List<ReservationLine> lines(UUID orderId) {
		return this.jdbc.sql("SELECT product_id, quantity FROM reservation_line WHERE order_id = :orderId")
			.param("orderId", orderId)
			.query((rs, row) -> new ReservationLine(rs.getObject("product_id", UUID.class), rs.getInt("quantity")))
			.list();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static StockLevel stockLevel(ResultSet rs, int row) throws SQLException {
		return new StockLevel(rs.getObject("product_id", UUID.class), rs.getInt("on_hand"), rs.getInt("reserved"));
	}

}
