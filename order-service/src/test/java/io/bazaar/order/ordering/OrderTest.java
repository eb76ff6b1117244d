package io.bazaar.order.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OrderTest {

	private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

	private static OrderLine line(String price, int quantity) {
		return line(price, "EUR", quantity);
	}

	private static OrderLine line(String price, String currency, int quantity) {
		return new OrderLine(UUID.randomUUID(), "SKU", "Thing", quantity, new Money(new BigDecimal(price), currency));
	}

	private static Order pending() {
		return Order.place(UUID.randomUUID(), UUID.randomUUID(), List.of(line("2.50", 3), line("10.00", 1)), T0);
	}

	@Test
	void placedOrderIsPendingWithItsTotalAndFirstHistoryStep() {
		Order order = pending();

		assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
		assertThat(order.total()).isEqualTo(new Money(new BigDecimal("17.50"), "EUR"));
		assertThat(order.history()).containsExactly(new StatusChange(null, OrderStatus.PENDING, null, T0));
	}

	@Test
	void happyPathRecordsEveryStep() {
		Order order = pending();

		order.stockReserved(T0.plusSeconds(1));
		order.confirm(T0.plusSeconds(2));

		assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(order.history()).extracting(StatusChange::to)
			.containsExactly(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.CONFIRMED);
		assertThat(order.updatedAt()).isEqualTo(T0.plusSeconds(2));
		assertThat(order.unsavedChanges()).hasSize(3);
	}

	@Test
	void cancellationKeepsItsReason() {
		Order order = pending();
		order.stockReserved(T0);

		order.cancel(CancellationReason.PAYMENT_DECLINED, T0.plusSeconds(1));

		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order.cancellationReason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
		assertThat(order.history().get(2).reason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
	}

	static Stream<Arguments> illegalTransitions() {
		BiConsumer<Order, Instant> reserve = Order::stockReserved;
		BiConsumer<Order, Instant> confirm = Order::confirm;
		BiConsumer<Order, Instant> cancel = (order, at) -> order.cancel(CancellationReason.CUSTOMER_CANCELLED, at);
		return Stream.of(Arguments.argumentSet("confirm a pending order", List.of(), confirm),
				Arguments.argumentSet("reserve twice", List.of(reserve), reserve),
				Arguments.argumentSet("reserve a confirmed order", List.of(reserve, confirm), reserve),
				Arguments.argumentSet("cancel a confirmed order", List.of(reserve, confirm), cancel),
				Arguments.argumentSet("confirm twice", List.of(reserve, confirm), confirm),
				Arguments.argumentSet("cancel twice", List.of(cancel), cancel),
				Arguments.argumentSet("reserve a cancelled order", List.of(cancel), reserve),
				Arguments.argumentSet("confirm a cancelled order", List.of(reserve, cancel), confirm));
	}

	@ParameterizedTest
	@MethodSource("illegalTransitions")
	void illegalTransitionsAreRefusedAndChangeNothing(List<BiConsumer<Order, Instant>> before,
			BiConsumer<Order, Instant> illegal) {
		Order order = pending();
		before.forEach((step) -> step.accept(order, T0));
		OrderStatus status = order.status();
		int steps = order.history().size();

		assertThatExceptionOfType(IllegalTransitionException.class).isThrownBy(() -> illegal.accept(order, T0));

		assertThat(order.status()).isEqualTo(status);
		assertThat(order.history()).hasSize(steps);
	}

	@Test
	void onlyNonFinalStatesLeadAnywhere() {
		assertThat(OrderStatus.PENDING.isFinal()).isFalse();
		assertThat(OrderStatus.STOCK_RESERVED.isFinal()).isFalse();
		assertThat(OrderStatus.CONFIRMED.isFinal()).isTrue();
		assertThat(OrderStatus.CANCELLED.isFinal()).isTrue();
		assertThat(OrderStatus.PENDING.canMoveTo(OrderStatus.CONFIRMED)).isFalse();
	}

	@Test
	void anOrderHasASingleCurrency() {
		assertThatExceptionOfType(MixedCurrencyException.class)
			.isThrownBy(() -> Order.place(UUID.randomUUID(), UUID.randomUUID(),
					List.of(line("1.00", "EUR", 1), line("1.00", "USD", 1)), T0))
			.satisfies((ex) -> assertThat(ex.currencies()).containsExactly("EUR", "USD"));
	}

	@Test
	void anOrderHasAtLeastOneLine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Order.place(UUID.randomUUID(), UUID.randomUUID(), List.of(), T0));
	}

	@Test
	void onlyTheOwnerOrAnAdministratorSeesAnOrder() {
		Order order = pending();

		assertThat(order.isVisibleTo(order.userId(), false)).isTrue();
		assertThat(order.isVisibleTo(UUID.randomUUID(), false)).isFalse();
		assertThat(order.isVisibleTo(UUID.randomUUID(), true)).isTrue();
	}

	@Test
	void onlyARejectedReservationLeavesNothingForTheCatalogToRelease() {
		assertThat(CancellationReason.INSUFFICIENT_STOCK.catalogMayHoldStock()).isFalse();
		assertThat(CancellationReason.PAYMENT_DECLINED.catalogMayHoldStock()).isTrue();
		assertThat(CancellationReason.PAYMENT_FAILED.catalogMayHoldStock()).isTrue();
		assertThat(CancellationReason.CUSTOMER_CANCELLED.catalogMayHoldStock()).isTrue();
	}

	@Test
	void moneyIsExactAndBounded() {
		assertThat(new Money(new BigDecimal("19.9"), "EUR").amount()).isEqualByComparingTo("19.90");
		assertThat(new Money(new BigDecimal("19.9"), "EUR").amount().scale()).isEqualTo(2);
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(new BigDecimal("1.005"), "EUR"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(new BigDecimal("-1"), "EUR"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(BigDecimal.ONE, "EURO"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(new BigDecimal("10000000000"), "EUR"));
	}

}
