package io.bazaar.catalog.product;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTest {

	@Test
	void keepsTwoDecimalPlaces() {
		assertThat(new Money(new BigDecimal("12.5"), "EUR").amount()).isEqualTo(new BigDecimal("12.50"));
	}

	@Test
	void refusesNegativeAmountsFractionsOfCentsAndUnknownCurrencies() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(new BigDecimal("-0.01"), "USD"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(new BigDecimal("1.005"), "USD"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(BigDecimal.ONE, "XYZ"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(BigDecimal.ONE, "usd"));
	}

}
