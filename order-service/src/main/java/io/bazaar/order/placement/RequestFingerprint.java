package io.bazaar.order.placement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a placement request in a canonical form (its lines in the order given,
 * independent of JSON formatting), stored with its Idempotency-Key so that a retry can be
 * told from a different request reusing the key.
 */
final class RequestFingerprint {

	private RequestFingerprint() {
	}

	static String of(PlaceOrderRequest request) {
		StringBuilder canonical = new StringBuilder("v1");
		for (PlaceOrderRequest.Item item : request.items()) {
			canonical.append('|').append(item.productId()).append('x').append(item.quantity());
		}
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
