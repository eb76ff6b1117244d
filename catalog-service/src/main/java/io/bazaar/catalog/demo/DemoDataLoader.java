package io.bazaar.catalog.demo;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.catalog.category.CategoryService;
import io.bazaar.catalog.config.CatalogProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills an empty catalog with the demo catalog on start-up (when
 * {@code catalog.demo-data.enabled}). Instances starting together take an advisory lock
 * first, so exactly one of them loads it and the others find it loaded.
 */
@Component
class DemoDataLoader implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoDataLoader.class);

	/** Advisory lock key: "catalog-demo" in ASCII. */
	private static final long LOCK_KEY = 0x636174616c6f67L;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final CategoryService categories;

	private final CatalogProperties.DemoData settings;

	DemoDataLoader(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json, CategoryService categories,
			CatalogProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
		this.categories = categories;
		this.settings = properties.demoData();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.settings.enabled()) {
			return;
		}
		this.transactions.executeWithoutResult((transaction) -> {
			this.jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", LOCK_KEY);
			if (Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM product)", Boolean.class))) {
				logger.info("Catalog already has products; demo catalog not loaded");
				return;
			}
			long started = System.nanoTime();
			DemoCatalog catalog = DemoCatalog.generate(this.settings.seed(), this.settings.products());
			load(catalog);
			this.categories.evictAfterCommit();
			logger.info("Loaded the demo catalog: {} products in {} categories in {} ms", catalog.products().size(),
					catalog.categories().size(), (System.nanoTime() - started) / 1_000_000);
		});
	}

	private void load(DemoCatalog catalog) {
		for (DemoCatalog.Category category : catalog.categories()) {
			this.jdbc.update("""
					INSERT INTO category (id, slug, name, description) VALUES (?, ?, ?, ?)
					ON CONFLICT (slug) DO NOTHING""", category.id(), category.slug(), category.name(),
					category.description());
		}
		// A category an admin created earlier under the same slug keeps its id.
		Map<UUID, UUID> categoryIds = new HashMap<>();
		for (DemoCatalog.Category category : catalog.categories()) {
			categoryIds.put(category.id(),
					this.jdbc.queryForObject("SELECT id FROM category WHERE slug = ?", UUID.class, category.slug()));
		}
		List<DemoCatalog.Product> products = catalog.products();
		this.jdbc.batchUpdate("""
				INSERT INTO product (id, sku, name, description, price, currency, category_id, attributes, image_urls)
				VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)""", new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				DemoCatalog.Product product = products.get(i);
				ps.setObject(1, product.id());
				ps.setString(2, product.sku());
				ps.setString(3, product.name());
				ps.setString(4, product.description());
				ps.setBigDecimal(5, product.price());
				ps.setString(6, product.currency());
				ps.setObject(7, categoryIds.get(product.categoryId()));
				ps.setString(8, DemoDataLoader.this.json.writeValueAsString(product.attributes()));
				ps.setArray(9, ps.getConnection().createArrayOf("text", product.imageUrls().toArray()));
			}

			@Override
			public int getBatchSize() {
				return products.size();
			}

		});
		this.jdbc.batchUpdate("INSERT INTO inventory (product_id, on_hand) VALUES (?, ?)", products, 500,
				(ps, product) -> {
					ps.setObject(1, product.id());
					ps.setInt(2, product.stock());
				});
		// Fresh statistics, so the planner knows the search index is selective.
		this.jdbc.execute("ANALYZE category, product, inventory");
	}

}
