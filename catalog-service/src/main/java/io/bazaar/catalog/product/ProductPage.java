package io.bazaar.catalog.product;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the products of this page
 * @param page the zero-based page number
 * @param size the requested page size
 * @param totalElements how many products match
 * @param totalPages how many pages of {@code size} hold them
 */
record ProductPage(List<ProductView> items, int page, int size, long totalElements, int totalPages) {

	static ProductPage of(List<ProductView> items, int page, int size, long total) {
		return new ProductPage(items, page, size, total, (int) ((total + size - 1) / size));
	}

}
