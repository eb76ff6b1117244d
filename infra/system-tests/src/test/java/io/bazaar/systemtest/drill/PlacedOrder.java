package io.bazaar.systemtest.drill;

import java.util.List;
import java.util.UUID;

/**
 * What a client saw of one order it tried to place: every answer that was not a success,
 * and how it ended.
 *
 * @param idempotencyKey the key sent with every attempt
 * @param customer who ordered
 * @param productId the one product ordered, one unit
 * @param orderId the order the platform accepted, or {@code null}
 * @param errors the failed attempts, in order; the last one is final when the order was
 * not accepted
 */
public record PlacedOrder(String idempotencyKey, Customer customer, UUID productId, UUID orderId,
		List<FailedAttempt> errors) {

	public boolean accepted() {
		return this.orderId != null;
	}

	/**
	 * An attempt that did not succeed.
	 *
	 * @param status the HTTP status, or 0 when no answer came (connection refused,
	 * timeout)
	 * @param problem whether the answer was {@code application/problem+json}
	 * @param detail the problem's type, or the exception of an unanswered attempt
	 */
	public record FailedAttempt(int status, boolean problem, String detail) {

		/** Whether a client should try again, with the same idempotency key. */
		public boolean retryable() {
			return this.status == 0 || this.status == 429 || this.status == 502 || this.status == 503
					|| this.status == 504;
		}

	}

}
