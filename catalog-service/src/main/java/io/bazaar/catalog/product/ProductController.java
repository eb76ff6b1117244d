package io.bazaar.catalog.product;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.bazaar.catalog.config.CatalogProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/products}: public reads with HTTP caching (the detail's ETag is its
 * version, so {@code If-None-Match} answers 304 and {@code If-Match} guards writes),
 * admin writes.
 */
@RestController
@RequestMapping(path = "/api/products", version = "1")
class ProductController {

	private final ProductService products;

	private final CacheControl cacheControl;

	ProductController(ProductService products, CatalogProperties properties) {
		this.products = products;
		this.cacheControl = CacheControl.maxAge(properties.httpMaxAge()).cachePublic();
	}

	/**
	 * The query's parameters are bound one by one rather than as a
	 * {@code @ModelAttribute} record: binding a record reflects over its constructor and
	 * parses its annotations on every request, half of what this endpoint cost order
	 * placement's price lookups (infra/benchmarks/RESULTS.md, run 16).
	 * @param page zero-based page number
	 * @param size products per page; its upper limit is {@code catalog.max-page-size},
	 * checked by the service
	 * @param category a category slug
	 * @param minPrice lowest price, inclusive
	 * @param maxPrice highest price, inclusive
	 * @param q full-text search over name and description (web-search syntax: words,
	 * "quoted phrases", -excluded)
	 * @param sort {@code name}, {@code -name}, {@code price}, {@code -price},
	 * {@code newest} or {@code relevance} (only with {@code q}, and its default)
	 * @param ids specific products (up to 100), for price snapshots; not combinable with
	 * the other parameters
	 */
	@GetMapping
	ResponseEntity<ProductPage> list(@RequestParam(required = false) @Min(0) @Max(100_000) Integer page,
			@RequestParam(required = false) @Min(1) Integer size,
			@RequestParam(required = false) @Size(max = 64) String category,
			@RequestParam(required = false) @DecimalMin("0.00") BigDecimal minPrice,
			@RequestParam(required = false) @DecimalMin("0.00") BigDecimal maxPrice,
			@RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(required = false) @Size(max = 16) String sort,
			@RequestParam(required = false) @Size(max = 100) List<UUID> ids) {
		ProductQuery query = new ProductQuery(page, size, category, minPrice, maxPrice, q, sort, ids);
		return ResponseEntity.ok().cacheControl(this.cacheControl).body(this.products.list(query));
	}

	@GetMapping("/{id}")
	ResponseEntity<ProductView> get(@PathVariable UUID id) {
		ProductView product = this.products.get(id);
		return ResponseEntity.ok().eTag(EntityTags.of(product.version())).cacheControl(this.cacheControl).body(product);
	}

	@PostMapping
	ResponseEntity<ProductView> create(@Valid @RequestBody ProductRequest request) {
		ProductView created = this.products.create(request);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/products/" + created.id()))
			.eTag(EntityTags.of(created.version()))
			.body(created);
	}

	@PutMapping("/{id}")
	ResponseEntity<ProductView> update(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody ProductRequest request) {
		if (ifMatch == null) {
			throw ProductProblems.ifMatchRequired();
		}
		ProductView updated = this.products.update(id, EntityTags.acceptedVersions(ifMatch), request);
		return ResponseEntity.ok().eTag(EntityTags.of(updated.version())).body(updated);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		this.products.delete(id, (ifMatch != null) ? EntityTags.acceptedVersions(ifMatch) : Set.of());
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ErrorResponse refused(ProductRefusal refusal) {
		return ProductProblems.of(refusal);
	}

}
