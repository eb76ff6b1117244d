package io.bazaar.catalog.inventory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReservationTest {

	private static final UUID A = UUID.fromString("00000000-0000-4000-8000-00000000000a");

	private static final UUID B = UUID.fromString("00000000-0000-4000-8000-00000000000b");

	@Test
	void heldUnitsCanBeReleasedOrCommittedOnce() {
		assertThat(reservation(ReservationStatus.RESERVED).release()).isEqualTo(Reservation.Transition.APPLY);
		assertThat(reservation(ReservationStatus.RESERVED).commit()).isEqualTo(Reservation.Transition.APPLY);
		assertThat(reservation(ReservationStatus.RELEASED).release()).isEqualTo(Reservation.Transition.ALREADY_DONE);
		assertThat(reservation(ReservationStatus.COMMITTED).commit()).isEqualTo(Reservation.Transition.ALREADY_DONE);
	}

	@Test
	void soldUnitsCannotBeReleasedNorReleasedOnesSold() {
		assertThatExceptionOfType(InventoryRefusal.IllegalTransition.class)
			.isThrownBy(() -> reservation(ReservationStatus.COMMITTED).release())
			.withMessageContaining("cannot be released");
		assertThatExceptionOfType(InventoryRefusal.IllegalTransition.class)
			.isThrownBy(() -> reservation(ReservationStatus.RELEASED).commit());
	}

	@Test
	void recognisesTheSameLinesInAnyOrder() {
		Reservation reservation = reservation(ReservationStatus.RESERVED);

		assertThat(reservation.holds(List.of(new ReservationLine(B, 2), new ReservationLine(A, 1)))).isTrue();
		assertThat(reservation.holds(List.of(new ReservationLine(A, 1)))).isFalse();
		assertThat(reservation.holds(List.of(new ReservationLine(A, 1), new ReservationLine(B, 3)))).isFalse();
	}

	@Test
	void stockLevelsAreConsistent() {
		assertThat(new StockLevel(A, 10, 4).available()).isEqualTo(6);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new StockLevel(A, 3, 4));
	}

	private static Reservation reservation(ReservationStatus status) {
		return new Reservation(UUID.randomUUID(), status, List.of(new ReservationLine(A, 1), new ReservationLine(B, 2)),
				Instant.now(), Instant.now());
	}

}
