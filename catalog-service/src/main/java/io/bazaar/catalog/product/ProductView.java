package io.bazaar.catalog.product;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A product as clients see it and as it is cached in Redis. {@code version} is the
 * product's optimistic-locking version, also sent as its {@code ETag}.
 */
public record ProductView(UUID id, String sku, String name, String description, Money price, CategoryRef category,
		Map<String, String> attributes, List<String> imageUrls, long version, Instant createdAt, Instant updatedAt) {

	/** The category a product belongs to. */
	public record CategoryRef(UUID id, String slug, String name) {

	}

}
