package io.bazaar.catalog.product;

import java.util.UUID;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The problems of product writes. */
final class ProductProblems {

	private ProductProblems() {
	}

	static ErrorResponseException versionMismatch(UUID id, long current) {
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.PRECONDITION_FAILED,
				ProblemTypes.problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed",
						"Product " + id + " has changed since it was read; fetch it again and retry."),
				null);
		ex.getHeaders().setETag(EntityTags.of(current));
		return ex;
	}

	static ErrorResponseException ifMatchRequired() {
		return new ErrorResponseException(HttpStatus.PRECONDITION_REQUIRED,
				ProblemTypes.problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "Precondition required",
						"Send the product's ETag in If-Match so that concurrent changes are not overwritten."),
				null);
	}

	static ErrorResponseException duplicateSku(String sku) {
		return new ErrorResponseException(HttpStatus.CONFLICT, ProblemTypes.problem(HttpStatus.CONFLICT,
				"duplicate-sku", "Duplicate SKU", "Another product already has SKU '" + sku + "'."), null);
	}

	static ErrorResponseException stillReserved(UUID id, int reserved) {
		return new ErrorResponseException(HttpStatus.CONFLICT,
				ProblemTypes.problem(HttpStatus.CONFLICT, "product-reserved", "Product reserved",
						"Product " + id + " has " + reserved + " units reserved for orders; release them first."),
				null);
	}

}
