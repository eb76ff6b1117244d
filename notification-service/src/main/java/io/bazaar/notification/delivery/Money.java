package io.bazaar.notification.delivery;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts as a customer reads them: two decimals and the currency code. */
final class Money {

	private Money() {
	}

	static String format(BigDecimal amount, String currency) {
		return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " " + currency;
	}

}
