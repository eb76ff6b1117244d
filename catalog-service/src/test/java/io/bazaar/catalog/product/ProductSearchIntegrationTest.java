package io.bazaar.catalog.product;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.bazaar.catalog.support.CatalogServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Listing, filtering and full-text search over the demo catalog. */
class ProductSearchIntegrationTest extends CatalogServiceIntegrationTestBase {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void demoCatalogHoldsOverAThousandProductsInOverADozenCategories() {
		assertThat(body(get("/api/products?size=1")).path("totalElements").asLong()).isGreaterThanOrEqualTo(1000);
		assertThat(this.jdbc.sql("SELECT count(DISTINCT category_id) FROM product").query(Long.class).single())
			.isGreaterThanOrEqualTo(12);
	}

	@Test
	void searchUsesTheFullTextIndex() throws SQLException {
		ListingSql listing = ListingSql.of(null, null, null, "espresso", ProductSort.RELEVANCE, 0, 20);
		String pagePlan;
		String countPlan;
		// A new session, as the service's connections are: it gets the database's planner
		// settings.
		try (Connection session = this.infrastructure.database().connectTo(this.infrastructure.database().name())) {
			JdbcClient sql = JdbcClient.create(new SingleConnectionDataSource(session, true));
			pagePlan = explain(sql, listing.pageSql(), listing);
			countPlan = explain(sql, listing.countSql(), listing);
		}

		assertThat(productScans(pagePlan)).containsExactly("Bitmap Index Scan on product_search_vector");
		assertThat(productScans(countPlan)).containsExactly("Bitmap Index Scan on product_search_vector");
	}

	@Test
	void searchFindsProductsByNameAndDescriptionMostRelevantFirst() {
		JsonNode page = body(get("/api/products?q=espresso&size=100"));

		assertThat(page.path("totalElements").asLong()).isPositive();
		assertThat(page.path("items").valueStream()).allSatisfy((product) -> assertThat(
				(product.path("name").asString() + " " + product.path("description").asString()).toLowerCase())
			.contains("espresso"));
	}

	@Test
	void searchUnderstandsStemsConjunctionsAndExclusions() {
		long boots = total("boots");
		long hikingBoots = total("boots%20hiking");
		long bootsButNotHiking = total("boots%20-hiking");

		assertThat(boots).isPositive();
		assertThat(hikingBoots).isPositive().isLessThan(boots);
		assertThat(total("boot")).isEqualTo(boots);
		assertThat(bootsButNotHiking).isEqualTo(boots - hikingBoots);
	}

	private long total(String query) {
		return body(get("/api/products?size=1&q=" + query)).path("totalElements").asLong();
	}

	@Test
	void filtersByCategoryAndPriceRange() {
		JsonNode page = body(get("/api/products?category=kitchen&minPrice=20&maxPrice=80.50&size=100"));

		assertThat(page.path("totalElements").asLong()).isPositive();
		assertThat(page.path("items").valueStream()).allSatisfy((product) -> {
			assertThat(product.path("category").path("slug").asString()).isEqualTo("kitchen");
			assertThat(product.path("price").path("amount").decimalValue()).isBetween(new BigDecimal("20"),
					new BigDecimal("80.50"));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "price", "-price", "name", "-name", "newest" })
	void walkingEveryPageYieldsEveryProductExactlyOnce(String sort) {
		long total = body(get("/api/products?size=1")).path("totalElements").asLong();
		List<String> seen = new ArrayList<>();
		List<JsonNode> ordered = new ArrayList<>();
		for (int page = 0; page * 97L < total; page++) {
			JsonNode items = body(get("/api/products?size=97&sort=" + sort + "&page=" + page)).path("items");
			items.valueStream().forEach((item) -> {
				seen.add(item.path("id").asString());
				ordered.add(item);
			});
		}

		assertThat(seen).hasSize((int) total).doesNotHaveDuplicates();
		if (sort.equals("price")) {
			assertThat(ordered).extracting((item) -> item.path("price").path("amount").decimalValue())
				.isSortedAccordingTo(BigDecimal::compareTo);
		}
	}

	/** How the plan reads the product table: its index scans, or a sequential scan. */
	private static List<String> productScans(String plan) {
		List<String> scans = new ArrayList<>();
		collectProductScans(json.readTree(plan).get(0).path("Plan"), scans);
		return scans;
	}

	private static void collectProductScans(JsonNode node, List<String> scans) {
		String type = node.path("Node Type").asString();
		if (node.path("Index Name").asString().startsWith("product")) {
			scans.add(type + " on " + node.path("Index Name").asString());
		}
		else if (type.equals("Seq Scan") && node.path("Relation Name").asString().equals("product")) {
			scans.add("Seq Scan on product");
		}
		node.path("Plans").valueStream().forEach((child) -> collectProductScans(child, scans));
	}

	private static String explain(JdbcClient jdbc, String sql, ListingSql listing) {
		return jdbc.sql("EXPLAIN (FORMAT JSON) " + sql).params(listing.params()).query(String.class).single();
	}

}
