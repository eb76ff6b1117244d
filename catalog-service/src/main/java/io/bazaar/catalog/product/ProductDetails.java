package io.bazaar.catalog.product;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What an admin states about a product; the invariants every stored product satisfies
 * whatever the API in front of it checked.
 */
record ProductDetails(String sku, String name, String description, Money price, UUID categoryId,
		Map<String, String> attributes, List<String> imageUrls) {

	ProductDetails {
		requireText(sku, "sku");
		requireText(name, "name");
		Objects.requireNonNull(price, "price");
		Objects.requireNonNull(categoryId, "categoryId");
		description = (description != null) ? description.strip() : "";
		attributes = (attributes != null) ? new TreeMap<>(attributes) : Map.of();
		imageUrls = (imageUrls != null) ? List.copyOf(imageUrls) : List.of();
		name = name.strip();
	}

	private static void requireText(String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("A product needs a " + what);
		}
	}

}
