package io.bazaar.order.ordering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in one currency, as stored ({@code NUMERIC(12,2)} and an ISO 4217
 * code).
 *
 * @param amount never negative, two decimal places
 * @param currency an ISO 4217 code
 */
public record Money(BigDecimal amount, String currency) {

	/** The largest amount a {@code NUMERIC(12,2)} column holds. */
	public static final BigDecimal MAX = new BigDecimal("9999999999.99");

	public Money {
		Objects.requireNonNull(amount, "amount");
		if (amount.signum() < 0 || amount.compareTo(MAX) > 0) {
			throw new AmountOutOfRangeException(amount);
		}
		if (amount.stripTrailingZeros().scale() > 2) {
			throw new IllegalArgumentException("An amount has at most two decimal places: " + amount);
		}
		amount = amount.setScale(2, RoundingMode.UNNECESSARY);
		if (!isCurrency(currency)) {
			throw new IllegalArgumentException("Not an ISO 4217 currency: " + currency);
		}
	}

	public static boolean isCurrency(String code) {
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

	public Money times(int quantity) {
		return new Money(this.amount.multiply(BigDecimal.valueOf(quantity)), this.currency);
	}

	public Money plus(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new IllegalArgumentException("Cannot add " + other.currency + " to " + this.currency);
		}
		return new Money(this.amount.add(other.amount), this.currency);
	}

}
