package io.bazaar.order.placement;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The order service's reading of a catalog product: only what an order snapshots.
 *
 * @param id the product's id
 * @param sku its SKU
 * @param name its name
 * @param price its current price
 */
record CatalogProduct(UUID id, String sku, String name, Price price) {

	/**
	 * @param amount the price of one item
	 * @param currency ISO 4217
	 */
	record Price(BigDecimal amount, String currency) {

	}

}
