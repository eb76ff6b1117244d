package io.bazaar.catalog.inventory;

import java.util.UUID;

/** Units of one product held for an order. */
record ReservationLine(UUID productId, int quantity) {

	ReservationLine {
		if (quantity <= 0) {
			throw new IllegalArgumentException("A reservation line holds at least one unit");
		}
	}

}
