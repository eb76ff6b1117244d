package io.bazaar.order.placement;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTest {

	private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");

	private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

	private static PlaceOrderRequest request(PlaceOrderRequest.Item... items) {
		return new PlaceOrderRequest(List.of(items));
	}

	@Test
	void equalRequestsHaveEqualFingerprints() {
		assertThat(RequestFingerprint.of(request(new PlaceOrderRequest.Item(A, 1), new PlaceOrderRequest.Item(B, 2))))
			.isEqualTo(
					RequestFingerprint.of(request(new PlaceOrderRequest.Item(A, 1), new PlaceOrderRequest.Item(B, 2))))
			.hasSize(64);
	}

	@Test
	void anyDifferenceChangesTheFingerprint() {
		String original = RequestFingerprint.of(request(new PlaceOrderRequest.Item(A, 1)));

		assertThat(RequestFingerprint.of(request(new PlaceOrderRequest.Item(A, 2)))).isNotEqualTo(original);
		assertThat(RequestFingerprint.of(request(new PlaceOrderRequest.Item(B, 1)))).isNotEqualTo(original);
		assertThat(RequestFingerprint.of(request(new PlaceOrderRequest.Item(A, 1), new PlaceOrderRequest.Item(B, 1))))
			.isNotEqualTo(original);
	}

}
