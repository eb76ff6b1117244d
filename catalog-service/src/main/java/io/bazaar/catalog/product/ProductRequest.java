package io.bazaar.catalog.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A product as an admin creates or replaces it. {@code category} is the category's slug;
 * {@code initialStock} is accepted on creation only (stock moves through the inventory
 * API afterwards).
 */
record ProductRequest(
		@NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}",
				message = "must be 3 to 40 upper-case letters, digits or hyphens") String sku,
		@NotBlank @Size(max = 200) String name, @Size(max = 4000) String description,
		@NotNull @Valid PriceRequest price, @NotBlank @Size(max = 64) String category,
		@Size(max = 50) Map<@NotBlank @Size(max = 50) String, @NotNull @Size(max = 200) String> attributes,
		@Size(max = 10) List<@NotBlank @Size(max = 500) @Pattern(regexp = "https://\\S+",
				message = "must be an https URL") String> imageUrls,
		@PositiveOrZero @Max(1_000_000) Integer initialStock) {

	record PriceRequest(
			@NotNull @DecimalMin("0.00") @DecimalMax("9999999999.99") @Digits(integer = 10,
					fraction = 2) BigDecimal amount,
			@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency) {

	}

}
