package io.bazaar.catalog.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The query parameters of {@code GET /api/products}, checked for form by the controller
 * and for sense (page size limit, known category and sort, ids alone) by the service.
 *
 * @param page zero-based page number
 * @param size products per page
 * @param category a category slug
 * @param minPrice lowest price, inclusive
 * @param maxPrice highest price, inclusive
 * @param q full-text search over name and description (web-search syntax: words, "quoted
 * phrases", -excluded)
 * @param sort {@code name}, {@code -name}, {@code price}, {@code -price}, {@code newest}
 * or {@code relevance} (only with {@code q}, and its default)
 * @param ids specific products (up to 100), for price snapshots; not combinable with the
 * other filters
 */
record ProductQuery(Integer page, Integer size, String category, BigDecimal minPrice, BigDecimal maxPrice, String q,
		String sort, List<UUID> ids) {

	static final int DEFAULT_SIZE = 20;

	int pageOrDefault() {
		return (this.page != null) ? this.page : 0;
	}

	int sizeOrDefault() {
		return (this.size != null) ? this.size : DEFAULT_SIZE;
	}

	boolean hasText() {
		return this.q != null && !this.q.isBlank();
	}

	boolean hasIds() {
		return this.ids != null && !this.ids.isEmpty();
	}

	boolean hasListingParameters() {
		return this.page != null || this.size != null || this.category != null || this.minPrice != null
				|| this.maxPrice != null || this.q != null || this.sort != null;
	}

}
