package io.bazaar.catalog.inventory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The units held for one order. It decides which transitions are legal; the repository
 * applies them to the stock.
 */
record Reservation(UUID orderId, ReservationStatus status, List<ReservationLine> items, Instant createdAt,
		Instant updatedAt) {

	Reservation {
		items = items.stream().sorted(Comparator.comparing(ReservationLine::productId)).toList();
	}

	/** What releasing changes: nothing when already released. */
	Transition release() {
		return switch (this.status) {
			case RESERVED -> Transition.APPLY;
			case RELEASED -> Transition.ALREADY_DONE;
			case COMMITTED -> throw illegal("released", "it was committed: its units are sold");
		};
	}

	/** What committing changes: nothing when already committed. */
	Transition commit() {
		return switch (this.status) {
			case RESERVED -> Transition.APPLY;
			case COMMITTED -> Transition.ALREADY_DONE;
			case RELEASED -> throw illegal("committed", "it was released: its units went back to stock");
		};
	}

	/** Whether a repeated request asks for exactly these items. */
	boolean holds(List<ReservationLine> requested) {
		return this.items.equals(requested.stream().sorted(Comparator.comparing(ReservationLine::productId)).toList());
	}

	private InventoryRefusal illegal(String action, String reason) {
		return new InventoryRefusal.IllegalTransition(this.orderId, action, reason);
	}

	enum Transition {

		APPLY, ALREADY_DONE

	}

}
