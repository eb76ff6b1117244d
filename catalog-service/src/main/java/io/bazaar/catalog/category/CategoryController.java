package io.bazaar.catalog.category;

import java.net.URI;
import java.util.List;

import io.bazaar.catalog.config.CatalogProperties;
import io.bazaar.catalog.web.NotFoundException;
import io.bazaar.runtime.web.ProblemTypes;
import jakarta.validation.Valid;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/categories}: public list (ETag computed from the body by the shallow ETag
 * filter), admin additions.
 */
@RestController
@RequestMapping(path = "/api/categories", version = "1")
class CategoryController {

	private final CategoryService categories;

	private final CacheControl cacheControl;

	CategoryController(CategoryService categories, CatalogProperties properties) {
		this.categories = categories;
		this.cacheControl = CacheControl.maxAge(properties.httpMaxAge()).cachePublic();
	}

	@GetMapping
	ResponseEntity<List<CategoryView>> list() {
		return ResponseEntity.ok().cacheControl(this.cacheControl).body(this.categories.list());
	}

	@GetMapping("/{slug}")
	ResponseEntity<CategoryView> get(@PathVariable String slug) {
		CategoryView category = this.categories.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("category", slug));
		return ResponseEntity.ok().cacheControl(this.cacheControl).body(category);
	}

	@PostMapping
	ResponseEntity<CategoryView> create(@Valid @RequestBody NewCategoryRequest request) {
		CategoryView created = this.categories.create(request.slug(), request.name(), request.description());
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/categories/" + created.slug()))
			.body(created);
	}

	@ExceptionHandler
	ErrorResponse duplicate(DuplicateCategoryException duplicate) {
		return new ErrorResponseException(HttpStatus.CONFLICT, ProblemTypes.problem(HttpStatus.CONFLICT,
				"duplicate-category", "Duplicate category", duplicate.getMessage()), duplicate);
	}

}
