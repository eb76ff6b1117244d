package io.bazaar.catalog.inventory;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Units to hold for an order, all or nothing. The order id makes the call idempotent.
 */
record ReservationRequest(@NotNull UUID orderId, @NotEmpty @Size(max = 100) List<@Valid @NotNull Item> items) {

	record Item(@NotNull UUID productId, @NotNull @Min(1) @Max(10_000) Integer quantity) {

	}

	List<ReservationLine> lines() {
		return this.items.stream().map((item) -> new ReservationLine(item.productId(), item.quantity())).toList();
	}

}
