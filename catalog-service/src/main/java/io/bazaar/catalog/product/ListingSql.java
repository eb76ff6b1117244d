package io.bazaar.catalog.product;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of one listing: filters, full-text match (the {@code tsvector} column, served
 * by its GIN index) and a stable order.
 */
record ListingSql(String pageSql, String countSql, Map<String, Object> params) {

	static final String COLUMNS = """
			SELECT p.id, p.sku, p.name, p.description, p.price, p.currency, p.attributes::text AS attributes,
			       p.image_urls, p.version, p.created_at, p.updated_at,
			       c.id AS category_id, c.slug AS category_slug, c.name AS category_name
			FROM product p JOIN category c ON c.id = p.category_id""";

	static ListingSql of(UUID categoryId, BigDecimal minPrice, BigDecimal maxPrice, String text, ProductSort sort,
			int page, int size) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		if (categoryId != null) {
			conditions.add("p.category_id = :categoryId");
			params.put("categoryId", categoryId);
		}
		if (minPrice != null) {
			conditions.add("p.price >= :minPrice");
			params.put("minPrice", minPrice);
		}
		if (maxPrice != null) {
			conditions.add("p.price <= :maxPrice");
			params.put("maxPrice", maxPrice);
		}
		if (text != null) {
			conditions.add("p.search_vector @@ websearch_to_tsquery('english', :q)");
			params.put("q", text);
		}
		String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		params.put("limit", size);
		params.put("offset", (long) page * size);
		String pageSql = COLUMNS + where + " ORDER BY " + sort.orderBy() + " LIMIT :limit OFFSET :offset";
		String countSql = "SELECT count(*) FROM product p" + where;
		return new ListingSql(pageSql, countSql, params);
	}

}
