package io.bazaar.notification.delivery;

import java.util.List;
import java.util.UUID;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/deliveries}: the e-mail deliveries that were given up on (the
 * delivery queue's dead letters), and their retry once the cause is dealt with. ADMIN
 * only.
 */
@RestController
@RequestMapping(path = "/api/admin/deliveries", version = "1")
class DeliveryAdminController {

	private static final int MAX_LIMIT = 500;

	private final DeliveryQueue queue;

	DeliveryAdminController(DeliveryQueue queue) {
		this.queue = queue;
	}

	@GetMapping("/failed")
	FailedDeliveries failed(@RequestParam(defaultValue = "100") int limit) {
		return new FailedDeliveries(this.queue.failed(Math.max(1, Math.min(limit, MAX_LIMIT))));
	}

	/** Queues a failed delivery again, with all its attempts. */
	@PostMapping("/{id}/retry")
	ResponseEntity<Void> retry(@PathVariable UUID id) {
		return switch (this.queue.retry(id)) {
			case QUEUED -> ResponseEntity.accepted().build();
			case NOT_FAILED -> throw new ErrorResponseException(HttpStatus.CONFLICT,
					ProblemTypes.problem(HttpStatus.CONFLICT, "delivery-not-failed", "Delivery not failed",
							"Delivery " + id + " has not failed; only failed deliveries are retried."),
					null);
			case UNKNOWN -> throw new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemTypes
				.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No delivery '" + id + "' exists."), null);
		};
	}

	/**
	 * @param items the failed deliveries, most recently failed first
	 */
	record FailedDeliveries(List<FailedDelivery> items) {

	}

}
