package io.bazaar.catalog.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * The query parameters of {@code GET /api/products}. The page size limit is checked
 * against {@code catalog.max-page-size} by the service; the constant here only stops
 * absurd values early.
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
record ProductQuery(@Min(0) @Max(100_000) Integer page, @Min(1) Integer size, @Size(max = 64) String category,
		@DecimalMin("0.00") BigDecimal minPrice, @DecimalMin("0.00") BigDecimal maxPrice, @Size(max = 200) String q,
		@Size(max = 16) String sort, @Size(max = 100) List<UUID> ids) {

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
