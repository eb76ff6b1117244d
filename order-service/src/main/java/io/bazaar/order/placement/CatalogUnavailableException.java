package io.bazaar.order.placement;

/** catalog-service did not answer usefully (down, slow, failing, or circuit open). */
class CatalogUnavailableException extends RuntimeException {

	CatalogUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
