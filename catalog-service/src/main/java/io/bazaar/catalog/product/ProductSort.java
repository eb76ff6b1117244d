package io.bazaar.catalog.product;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.bazaar.runtime.validation.InvalidInputException;

/**
 * The orders a listing can be sorted in. Each ends with the product id, so that products
 * with equal sort keys keep one order and paging never repeats or skips one.
 */
enum ProductSort {

	NAME("name", "p.name ASC, p.id ASC"), NAME_DESC("-name", "p.name DESC, p.id DESC"),
	PRICE("price", "p.price ASC, p.id ASC"), PRICE_DESC("-price", "p.price DESC, p.id DESC"),
	NEWEST("newest", "p.created_at DESC, p.id DESC"),
	RELEVANCE("relevance", "ts_rank(p.search_vector, websearch_to_tsquery('english', :q)) DESC, p.id ASC");

	private final String parameter;

	private final String orderBy;

	ProductSort(String parameter, String orderBy) {
		this.parameter = parameter;
		this.orderBy = orderBy;
	}

	String orderBy() {
		return this.orderBy;
	}

	static ProductSort parse(String value, boolean hasText) {
		if (value == null || value.isBlank()) {
			return hasText ? RELEVANCE : NAME;
		}
		for (ProductSort sort : values()) {
			if (sort.parameter.equals(value)) {
				if (sort == RELEVANCE && !hasText) {
					throw new InvalidInputException("sort", "relevance needs a search text (q)");
				}
				return sort;
			}
		}
		throw new InvalidInputException("sort", "must be one of "
				+ Arrays.stream(values()).map((sort) -> sort.parameter).collect(Collectors.joining(", ")));
	}

}
