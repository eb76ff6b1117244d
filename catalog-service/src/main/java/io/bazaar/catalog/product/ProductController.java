package io.bazaar.catalog.product;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

import io.bazaar.catalog.config.CatalogProperties;
import jakarta.validation.Valid;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
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

	@GetMapping
	ResponseEntity<ProductPage> list(@Valid @ModelAttribute ProductQuery query) {
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
