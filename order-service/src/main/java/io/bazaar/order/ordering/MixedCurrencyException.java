package io.bazaar.order.ordering;

import java.util.List;

/** The lines of an order are priced in more than one currency. */
public class MixedCurrencyException extends IllegalArgumentException {

	private final List<String> currencies;

	MixedCurrencyException(List<String> currencies) {
		super("An order has a single currency; its lines are priced in " + currencies);
		this.currencies = List.copyOf(currencies);
	}

	public List<String> currencies() {
		return this.currencies;
	}

}
