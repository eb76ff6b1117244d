package io.bazaar.notification.inbox;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * This service's reading of order-service's {@code OrderConfirmed} (topic
 * {@code orders.events.v1}). Amounts may come as JSON strings or numbers.
 *
 * @param eventId the event's id
 * @param orderId the order
 * @param userId who placed it
 * @param items what was ordered
 * @param total the order total
 * @param currency the currency of {@code total}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderConfirmed(@NotNull UUID eventId, @NotNull UUID orderId, @NotNull UUID userId,
		@NotEmpty List<@NotNull @Valid Item> items, @NotNull @PositiveOrZero BigDecimal total,
		@NotBlank String currency) {

	static final String TYPE = "OrderConfirmed";

	/**
	 * One ordered item.
	 *
	 * @param sku its stock-keeping unit
	 * @param name the product's name
	 * @param quantity how many
	 * @param unitPrice the price of one
	 * @param currency the currency of {@code unitPrice}; the order's when absent
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Item(String sku, @NotBlank String name, @NotNull @Positive Integer quantity,
			@NotNull @PositiveOrZero BigDecimal unitPrice, String currency) {

	}

}
