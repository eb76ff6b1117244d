package io.bazaar.catalog.category;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.bazaar.catalog.cache.CacheAside;
import io.bazaar.catalog.cache.CacheRegion;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The category list (cached in Redis as one entry) and the admin's additions to it. */
@Service
public class CategoryService {

	static final String CACHE_KEY = "catalog:categories:v1";

	private final JdbcClient jdbc;

	private final CacheAside cache;

	private final CacheRegion<List<CategoryView>> region;

	CategoryService(JdbcClient jdbc, CacheAside cache, JsonMapper json) {
		this.jdbc = jdbc;
		this.cache = cache;
		this.region = new CacheRegion<>("categories",
				json.getTypeFactory().constructCollectionType(List.class, CategoryView.class), false);
	}

	/** Every category, by name. */
	public List<CategoryView> list() {
		return this.cache.get(this.region, CACHE_KEY, () -> Optional.of(load())).orElseGet(List::of);
	}

	/** The category with this slug, resolved through the cached list. */
	public Optional<CategoryView> findBySlug(String slug) {
		return list().stream().filter((category) -> category.slug().equals(slug)).findFirst();
	}

	@Transactional
	public CategoryView create(String slug, String name, String description) {
		CategoryView category = new CategoryView(UUID.randomUUID(), slug, name,
				(description != null) ? description : "");
		try {
			this.jdbc.sql("INSERT INTO category (id, slug, name, description) VALUES (:id, :slug, :name, :description)")
				.param("id", category.id())
				.param("slug", category.slug())
				.param("name", category.name())
				.param("description", category.description())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new DuplicateCategoryException(slug);
		}
		evictAfterCommit();
		return category;
	}

	/** Forgets the cached list once the current transaction commits. */
	public void evictAfterCommit() {
		this.cache.evictAfterCommit(CACHE_KEY);
	}

	private List<CategoryView> load() {
		return this.jdbc.sql("SELECT id, slug, name, description FROM category ORDER BY name, id")
			.query((rs, row) -> new CategoryView(rs.getObject("id", UUID.class), rs.getString("slug"),
					rs.getString("name"), rs.getString("description")))
			.list();
	}

}
