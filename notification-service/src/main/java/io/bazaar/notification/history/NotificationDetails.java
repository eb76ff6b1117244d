package io.bazaar.notification.history;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a notification's messages are rendered from, kept with the notification so that an
 * e-mail sent on a later retry says exactly what the in-app notification says.
 *
 * @param orderId the order, for order notifications
 * @param items the ordered items, for a confirmation
 * @param total the order total, for a confirmation
 * @param currency the currency of {@code total}
 * @param cancellationReason why the order was cancelled, e.g. {@code insufficient-stock}
 * @param displayName the name the user registered with, for a welcome
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationDetails(UUID orderId, List<OrderLine> items, BigDecimal total, String currency,
		String cancellationReason, String displayName) {

	public static NotificationDetails welcome(String displayName) {
		return new NotificationDetails(null, null, null, null, null, displayName);
	}

	public static NotificationDetails orderConfirmed(UUID orderId, List<OrderLine> items, BigDecimal total,
			String currency) {
		return new NotificationDetails(orderId, List.copyOf(items), total, currency, null, null);
	}

	public static NotificationDetails orderCancelled(UUID orderId, String reason) {
		return new NotificationDetails(orderId, null, null, null, reason, null);
	}

	/**
	 * One ordered item.
	 *
	 * @param sku the product's stock-keeping unit
	 * @param name the product's name when it was ordered
	 * @param quantity how many
	 * @param unitPrice the price of one
	 * @param currency the currency of {@code unitPrice}
	 */
	public record OrderLine(String sku, String name, int quantity, BigDecimal unitPrice, String currency) {

		public BigDecimal lineTotal() {
			return this.unitPrice.multiply(BigDecimal.valueOf(this.quantity));
		}

	}

}
