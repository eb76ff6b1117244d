package io.bazaar.catalog.product;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;

/** The problem each refusal of a product read or write answers with. */
final class ProductProblems {

	private ProductProblems() {
	}

	static ErrorResponse of(ProductRefusal refusal) {
		if (refusal instanceof ProductRefusal.UnknownProduct) {
			return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", refusal);
		}
		if (refusal instanceof ProductRefusal.VersionMismatch mismatch) {
			ErrorResponseException ex = problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
					"Precondition failed", refusal);
			ex.getHeaders().setETag(EntityTags.of(mismatch.currentVersion()));
			return ex;
		}
		if (refusal instanceof ProductRefusal.DuplicateSku) {
			return problem(HttpStatus.CONFLICT, "duplicate-sku", "Duplicate SKU", refusal);
		}
		return problem(HttpStatus.CONFLICT, "product-reserved", "Product reserved", refusal);
	}

	static ErrorResponseException ifMatchRequired() {
		return new ErrorResponseException(HttpStatus.PRECONDITION_REQUIRED,
				ProblemTypes.problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "Precondition required",
						"Send the product's ETag in If-Match so that concurrent changes are not overwritten."),
				null);
	}

	private static ErrorResponseException problem(HttpStatus status, String slug, String title,
			ProductRefusal refusal) {
		return new ErrorResponseException(status, ProblemTypes.problem(status, slug, title, refusal.getMessage()),
				refusal);
	}

}
