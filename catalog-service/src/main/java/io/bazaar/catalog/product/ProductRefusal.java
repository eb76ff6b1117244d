package io.bazaar.catalog.product;

import java.util.UUID;

/**
 * Why a product cannot be read or changed as asked. Plain domain exceptions;
 * {@link ProductController} turns each into its problem ({@link ProductProblems}).
 */
abstract class ProductRefusal extends RuntimeException {

	ProductRefusal(String message) {
		super(message, null, false, false);
	}

	/** The catalog has no such product. */
	static final class UnknownProduct extends ProductRefusal {

		UnknownProduct(UUID id) {
			super("No product '" + id + "' exists.");
		}

	}

	/** The product changed since the version the caller read. */
	static final class VersionMismatch extends ProductRefusal {

		private final long currentVersion;

		VersionMismatch(UUID id, long currentVersion) {
			super("Product " + id + " has changed since it was read; fetch it again and retry.");
			this.currentVersion = currentVersion;
		}

		long currentVersion() {
			return this.currentVersion;
		}

	}

	/** Another product already has this SKU. */
	static final class DuplicateSku extends ProductRefusal {

		DuplicateSku(String sku) {
			super("Another product already has SKU '" + sku + "'.");
		}

	}

	/** Units of the product are reserved for orders, so it cannot be deleted. */
	static final class StillReserved extends ProductRefusal {

		StillReserved(UUID id, int reserved) {
			super("Product " + id + " has " + reserved + " units reserved for orders; release them first.");
		}

	}

}
