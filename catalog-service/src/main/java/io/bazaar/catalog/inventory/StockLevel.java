package io.bazaar.catalog.inventory;

import java.util.UUID;

/**
 * A product's stock.
 *
 * @param productId the product
 * @param onHand units in the warehouse
 * @param reserved units held for orders not yet committed
 * @param available units that can still be reserved
 */
record StockLevel(UUID productId, int onHand, int reserved, int available) {

	StockLevel(UUID productId, int onHand, int reserved) {
		this(productId, onHand, reserved, onHand - reserved);
	}

	StockLevel {
		if (onHand < 0 || reserved < 0 || reserved > onHand || available != onHand - reserved) {
			throw new IllegalArgumentException(
					"Inconsistent stock for " + productId + ": on hand " + onHand + ", reserved " + reserved);
		}
	}

}
