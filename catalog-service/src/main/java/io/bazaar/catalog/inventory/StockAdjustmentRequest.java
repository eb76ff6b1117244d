package io.bazaar.catalog.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Units received (positive) or written off (negative).
 *
 * @param delta the change of the units on hand
 * @param reason why, for the log
 */
record StockAdjustmentRequest(@NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta, @Size(max = 200) String reason) {

}
