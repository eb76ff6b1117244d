package io.bazaar.catalog.product;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.bazaar.catalog.cache.CacheAside;
import io.bazaar.catalog.cache.CacheRegion;
import io.bazaar.catalog.category.CategoryService;
import io.bazaar.catalog.category.CategoryView;
import io.bazaar.catalog.config.CatalogProperties;
import io.bazaar.runtime.validation.FieldError;
import io.bazaar.runtime.validation.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Product reads (detail through the Redis cache, listings and search straight from
 * PostgreSQL) and admin writes, which evict the cached detail after they commit.
 */
@Service
class ProductService {

	static final String KEY_PREFIX = "catalog:product:v1:";

	private final ProductRepository products;

	private final CategoryService categories;

	private final CacheAside cache;

	private final CacheRegion<ProductView> region;

	private final int maxPageSize;

	ProductService(ProductRepository products, CategoryService categories, CacheAside cache, JsonMapper json,
			CatalogProperties properties) {
		this.products = products;
		this.categories = categories;
		this.cache = cache;
		this.region = new CacheRegion<>("product", json.constructType(ProductView.class), true);
		this.maxPageSize = properties.maxPageSize();
	}

	static String cacheKey(UUID id) {
		return KEY_PREFIX + id;
	}

	ProductView get(UUID id) {
		return this.cache.get(this.region, cacheKey(id), () -> this.products.find(id))
			.orElseThrow(() -> new ProductRefusal.UnknownProduct(id));
	}

	ProductPage list(ProductQuery query) {
		if (query.hasIds()) {
			return byIds(query);
		}
		int size = query.sizeOrDefault();
		if (size > this.maxPageSize) {
			throw new InvalidInputException("size", "must be at most " + this.maxPageSize);
		}
		if (query.minPrice() != null && query.maxPrice() != null && query.minPrice().compareTo(query.maxPrice()) > 0) {
			throw new InvalidInputException("minPrice", "must not exceed maxPrice");
		}
		UUID categoryId = (query.category() != null) ? categoryId(query.category(), "category") : null;
		String text = query.hasText() ? query.q().strip() : null;
		ProductSort sort = ProductSort.parse(query.sort(), text != null);
		ListingSql listing = ListingSql.of(categoryId, query.minPrice(), query.maxPrice(), text, sort,
				query.pageOrDefault(), size);
		long total = this.products.count(listing);
		List<ProductView> items = ((long) query.pageOrDefault() * size < total) ? this.products.page(listing)
				: List.of();
		return ProductPage.of(items, query.pageOrDefault(), size, total);
	}

	/**
	 * Specific products, read from PostgreSQL rather than the cache: callers snapshot
	 * prices for orders and must see the committed price.
	 */
	private ProductPage byIds(ProductQuery query) {
		if (query.hasListingParameters()) {
			throw new InvalidInputException("ids", "cannot be combined with other listing parameters");
		}
		Set<UUID> ids = new LinkedHashSet<>(query.ids());
		Map<UUID, ProductView> found = this.products.findAll(ids)
			.stream()
			.collect(Collectors.toMap(ProductView::id, Function.identity()));
		List<ProductView> items = ids.stream().filter(found::containsKey).map(found::get).toList();
		return ProductPage.of(items, 0, ids.size(), items.size());
	}

	@Transactional
	ProductView create(ProductRequest request) {
		UUID id = UUID.randomUUID();
		ProductDetails details = details(request);
		try {
			this.products.insert(id, details, (request.initialStock() != null) ? request.initialStock() : 0);
		}
		catch (DuplicateKeyException ex) {
			throw new ProductRefusal.DuplicateSku(details.sku());
		}
		// A client may have asked for this id before it existed.
		this.cache.evictAfterCommit(cacheKey(id));
		return this.products.find(id).orElseThrow();
	}

	/**
	 * @param acceptedVersions the versions the caller's change applies to; empty for any
	 */
	@Transactional
	ProductView update(UUID id, Set<Long> acceptedVersions, ProductRequest request) {
		if (request.initialStock() != null) {
			throw new InvalidInputException("initialStock",
					"can only be given on creation; adjust stock through /api/inventory");
		}
		ProductDetails details = details(request);
		boolean updated;
		try {
			updated = this.products.update(id, details, acceptedVersions);
		}
		catch (DuplicateKeyException ex) {
			throw new ProductRefusal.DuplicateSku(details.sku());
		}
		if (!updated) {
			throw mismatchOrMissing(id);
		}
		this.cache.evictAfterCommit(cacheKey(id));
		return this.products.find(id).orElseThrow();
	}

	/**
	 * @param acceptedVersions the versions the caller's deletion applies to; empty for
	 * any
	 */
	@Transactional
	void delete(UUID id, Set<Long> acceptedVersions) {
		int reserved = this.products.lockReservedUnits(id);
		if (reserved > 0) {
			throw new ProductRefusal.StillReserved(id, reserved);
		}
		if (!this.products.delete(id, acceptedVersions)) {
			throw mismatchOrMissing(id);
		}
		this.cache.evictAfterCommit(cacheKey(id));
	}

	private ProductRefusal mismatchOrMissing(UUID id) {
		OptionalLong current = this.products.version(id);
		return current.isPresent() ? new ProductRefusal.VersionMismatch(id, current.getAsLong())
				: new ProductRefusal.UnknownProduct(id);
	}

	private ProductDetails details(ProductRequest request) {
		if (!Money.isCurrency(request.price().currency())) {
			throw new InvalidInputException(
					List.of(new FieldError("price.currency", "is not an ISO 4217 currency code")));
		}
		UUID categoryId = categoryId(request.category(), "category");
		return new ProductDetails(request.sku(), request.name(), request.description(),
				new Money(request.price().amount(), request.price().currency()), categoryId, request.attributes(),
				request.imageUrls());
	}

	private UUID categoryId(String slug, String field) {
		return this.categories.findBySlug(slug)
			.map(CategoryView::id)
			.orElseThrow(() -> new InvalidInputException(field, "is not a known category"));
	}

}
