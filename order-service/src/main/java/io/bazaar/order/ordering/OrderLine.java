package io.bazaar.order.ordering;

import java.util.UUID;

/**
 * A line of an order with the product as the catalog described it when the order was
 * placed.
 *
 * @param productId the catalog's product id
 * @param sku the product's SKU at the time
 * @param name the product's name at the time
 * @param quantity how many, at least one
 * @param unitPrice the price of one at the time, in the order's currency
 */
public record OrderLine(UUID productId, String sku, String name, int quantity, Money unitPrice) {

	public OrderLine {
		if (quantity < 1) {
			throw new IllegalArgumentException("A line needs a quantity of at least one");
		}
	}

	public Money lineTotal() {
		return this.unitPrice.times(this.quantity);
	}

}
