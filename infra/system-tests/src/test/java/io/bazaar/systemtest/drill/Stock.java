package io.bazaar.systemtest.drill;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.bazaar.testsupport.postgres.IsolatedDatabase;

/**
 * Units on hand and reserved of some products, as catalog-service's database holds them.
 *
 * @param onHand units on hand per product
 * @param reserved units reserved per product
 */
public record Stock(Map<UUID, Integer> onHand, Map<UUID, Integer> reserved) {

	public static Stock of(IsolatedDatabase catalog, Collection<UUID> products) throws SQLException {
		Map<UUID, Integer> onHand = new HashMap<>();
		Map<UUID, Integer> reserved = new HashMap<>();
		Rows.query(catalog, "SELECT product_id, on_hand, reserved FROM inventory WHERE product_id = ANY (?)", products,
				(rows) -> {
					UUID product = rows.getObject("product_id", UUID.class);
					onHand.put(product, rows.getInt("on_hand"));
					reserved.put(product, rows.getInt("reserved"));
				});
		return new Stock(Map.copyOf(onHand), Map.copyOf(reserved));
	}

}
