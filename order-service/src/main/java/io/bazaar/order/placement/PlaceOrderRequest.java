package io.bazaar.order.placement;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a customer orders; prices come from the catalog, never from the client.
 *
 * @param items one line per product, at most {@value #MAX_LINES}
 */
record PlaceOrderRequest(@NotNull @Size(min = 1, max = MAX_LINES) List<@NotNull @Valid Item> items) {

	static final int MAX_LINES = 50;

	static final int MAX_QUANTITY = 100;

	/**
	 * @param productId the catalog's product id
	 * @param quantity how many, 1 to {@value PlaceOrderRequest#MAX_QUANTITY}
	 */
	record Item(@NotNull UUID productId, @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {

	}

}
