package io.bazaar.catalog.product;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Products in PostgreSQL, read and written with plain SQL. */
@Repository
class ProductRepository {

	private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final RowMapper<ProductView> rows = this::view;

	ProductRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<ProductView> find(UUID id) {
		return this.jdbc.sql(ListingSql.COLUMNS + " WHERE p.id = :id").param("id", id).query(this.rows).optional();
	}

	List<ProductView> findAll(Collection<UUID> ids) {
		return this.jdbc.sql(ListingSql.COLUMNS + " WHERE p.id IN (:ids)").param("ids", ids).query(this.rows).list();
	}

	List<ProductView> page(ListingSql listing) {
		return this.jdbc.sql(listing.pageSql()).params(listing.params()).query(this.rows).list();
	}

	long count(ListingSql listing) {
		return this.jdbc.sql(listing.countSql()).params(listing.params()).query(Long.class).single();
	}

	void insert(UUID id, ProductDetails details, int initialStock) {
		this.jdbc.sql("""
				INSERT INTO product (id, sku, name, description, price, currency, category_id, attributes, image_urls)
				VALUES (:id, :sku, :name, :description, :price, :currency, :categoryId, CAST(:attributes AS jsonb),
				        CAST(:imageUrls AS text[]))""").param("id", id).params(columns(details)).update();
		this.jdbc.sql("INSERT INTO inventory (product_id, on_hand) VALUES (:id, :onHand)")
			.param("id", id)
			.param("onHand", initialStock)
			.update();
	}

	/**
	 * Replaces the product's details if its version is one of {@code versions} (any
	 * version when empty), raising the version by one.
	 * @return whether a row was updated
	 */
	boolean update(UUID id, ProductDetails details, Set<Long> versions) {
		return this.jdbc.sql("""
				UPDATE product SET sku = :sku, name = :name, description = :description, price = :price,
				       currency = :currency, category_id = :categoryId, attributes = CAST(:attributes AS jsonb),
				       image_urls = CAST(:imageUrls AS text[]), version = version + 1, updated_at = now()
				WHERE id = :id""" + (versions.isEmpty() ? "" : " AND version IN (:versions)"))
			.param("id", id)
			.param("versions", versions.isEmpty() ? List.of(-1L) : versions)
			.params(columns(details))
			.update() == 1;
	}

	boolean delete(UUID id, Set<Long> versions) {
		return this.jdbc
			.sql("DELETE FROM product WHERE id = :id" + (versions.isEmpty() ? "" : " AND version IN (:versions)"))
			.param("id", id)
			.param("versions", versions.isEmpty() ? List.of(-1L) : versions)
			.update() == 1;
	}

	OptionalLong version(UUID id) {
		return this.jdbc.sql("SELECT version FROM product WHERE id = :id")
			.param("id", id)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	/** Units held for orders, locking the stock row until the transaction ends. */
	int lockReservedUnits(UUID id) {
		return this.jdbc.sql("SELECT reserved FROM inventory WHERE product_id = :id FOR UPDATE")
			.param("id", id)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	private Map<String, Object> columns(ProductDetails details) {
		return Map.of("sku", details.sku(), "name", details.name(), "description", details.description(), "price",
				details.price().amount(), "currency", details.price().currency(), "categoryId", details.categoryId(),
				"attributes", this.json.writeValueAsString(details.attributes()), "imageUrls",
				details.imageUrls().toArray(String[]::new));
	}

	private ProductView view(ResultSet rs, int row) throws SQLException {
		return new ProductView(rs.getObject("id", UUID.class), rs.getString("sku"), rs.getString("name"),
				rs.getString("description"), new Money(rs.getBigDecimal("price"), rs.getString("currency")),
				new ProductView.CategoryRef(rs.getObject("category_id", UUID.class), rs.getString("category_slug"),
						rs.getString("category_name")),
				this.json.readValue(rs.getString("attributes"), ATTRIBUTES), strings(rs.getArray("image_urls")),
				rs.getLong("version"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static List<String> strings(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

}
