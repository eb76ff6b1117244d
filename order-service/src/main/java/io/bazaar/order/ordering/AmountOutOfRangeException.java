package io.bazaar.order.ordering;

import java.math.BigDecimal;

/**
 * An amount beyond what an order can carry ({@link Money#MAX}, the largest a
 * {@code NUMERIC(12,2)} column holds), or below zero: e.g. a line whose quantity times
 * its price, or an order whose total, would overflow.
 */
public class AmountOutOfRangeException extends IllegalArgumentException {

	public AmountOutOfRangeException(BigDecimal amount) {
		super("Not an amount an order can carry: " + amount);
	}

}
