package io.bazaar.catalog.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.bazaar.catalog.inventory.InventoryRefusal.Shortage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reservations for the order saga: reserve all lines or none, release and commit, each
 * idempotent per order id, and admin stock adjustments.
 */
@Service
class ReservationService {

	private static final Logger logger = LoggerFactory.getLogger(ReservationService.class);

	private final InventoryRepository inventory;

	ReservationService(InventoryRepository inventory) {
		this.inventory = inventory;
	}

	/**
	 * Holds the units of every line, or of none when one line cannot be served. A
	 * repeated call for the same order returns the reservation it already has.
	 */
	@Transactional
	Reserved reserve(UUID orderId, List<ReservationLine> lines) {
		Set<UUID> productIds = new HashSet<>();
		for (ReservationLine line : lines) {
			if (!productIds.add(line.productId())) {
				throw new InventoryRefusal.RepeatedProduct(line.productId());
			}
		}
		// Concurrent calls for one order wait here on the primary key until the first
		// commits.
		Optional<Reservation> inserted = this.inventory.insertReservation(orderId, lines);
		if (inserted.isEmpty()) {
			Reservation existing = this.inventory.find(orderId, false).orElseThrow();
			if (!existing.holds(lines)) {
				throw new InventoryRefusal.ReservationMismatch(orderId);
			}
			return new Reserved(existing, false);
		}
		Set<UUID> known = this.inventory.existing(productIds);
		if (!known.containsAll(productIds)) {
			throw new InventoryRefusal.UnknownProducts(
					productIds.stream().filter((id) -> !known.contains(id)).sorted().toList());
		}
		List<Shortage> shortages = new ArrayList<>();
		// One lock order for every transaction, so two orders never deadlock.
		for (ReservationLine line : lines.stream().sorted(Comparator.comparing(ReservationLine::productId)).toList()) {
			if (!this.inventory.reserve(line.productId(), line.quantity())) {
				int available = this.inventory.stock(line.productId()).map(StockLevel::available).orElse(0);
				shortages.add(new Shortage(line.productId(), line.quantity(), available));
			}
		}
		if (!shortages.isEmpty()) {
			// Rolls back the lines already held and the reservation row.
			throw new InventoryRefusal.InsufficientStock(shortages);
		}
		this.inventory.insertLines(orderId, lines);
		return new Reserved(inserted.get(), true);
	}

	/** Gives the units back; nothing to do for an unknown or released reservation. */
	@Transactional
	void release(UUID orderId) {
		Optional<Reservation> found = this.inventory.find(orderId, true);
		if (found.isEmpty() || found.get().release() == Reservation.Transition.ALREADY_DONE) {
			return;
		}
		found.get().items().forEach((line) -> this.inventory.release(line.productId(), line.quantity()));
		this.inventory.updateStatus(found.get(), ReservationStatus.RELEASED);
	}

	/**
	 * Turns the held units into sold ones (they leave stock); repeated calls change
	 * nothing.
	 */
	@Transactional
	Reservation commit(UUID orderId) {
		Reservation reservation = this.inventory.find(orderId, true)
			.orElseThrow(() -> new InventoryRefusal.UnknownReservation(orderId));
		if (reservation.commit() == Reservation.Transition.ALREADY_DONE) {
			return reservation;
		}
		reservation.items().forEach((line) -> this.inventory.sell(line.productId(), line.quantity()));
		return this.inventory.updateStatus(reservation, ReservationStatus.COMMITTED);
	}

	Reservation get(UUID orderId) {
		return this.inventory.find(orderId, false).orElseThrow(() -> new InventoryRefusal.UnknownReservation(orderId));
	}

	StockLevel stock(UUID productId) {
		return this.inventory.stock(productId).orElseThrow(() -> new InventoryRefusal.UnknownProduct(productId));
	}

	@Transactional
	StockLevel adjust(UUID productId, int delta, String reason) {
		Optional<StockLevel> adjusted = this.inventory.adjust(productId, delta);
		if (adjusted.isEmpty()) {
			throw new InventoryRefusal.BelowReserved(stock(productId), delta);
		}
		logger.info("Stock of {} adjusted by {} ({})", productId, delta, (reason != null) ? reason : "no reason given");
		return adjusted.get();
	}

	/** A reservation, and whether this call created it. */
	record Reserved(Reservation reservation, boolean created) {

	}

}
