package io.bazaar.catalog.product;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money in one currency (stored as {@code NUMERIC(12,2)} with its ISO
 * 4217 code).
 *
 * @param amount never negative, two decimal places
 * @param currency an ISO 4217 code, e.g. {@code USD}
 */
public record Money(BigDecimal amount, String currency) {

	public Money {
		Objects.requireNonNull(amount, "amount");
		if (amount.signum() < 0) {
			throw new IllegalArgumentException("A price cannot be negative: " + amount);
		}
		if (amount.stripTrailingZeros().scale() > 2) {
			throw new IllegalArgumentException("A price has at most two decimal places: " + amount);
		}
		amount = amount.setScale(2, RoundingMode.UNNECESSARY);
		if (!isCurrency(currency)) {
			throw new IllegalArgumentException("Not an ISO 4217 currency: " + currency);
		}
	}

	static boolean isCurrency(String code) {
		if (code == null || code.length() != 3) {
			return false;
		}
		try {
			Currency.getInstance(code);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
