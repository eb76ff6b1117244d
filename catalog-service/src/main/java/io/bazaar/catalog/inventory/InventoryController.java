package io.bazaar.catalog.inventory;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/inventory}: stock levels and adjustments, and the reservations the order
 * saga makes (see API.md). Callers need role ADMIN or SERVICE; adjustments need ADMIN.
 */
@RestController
@RequestMapping(path = "/api/inventory", version = "1")
class InventoryController {

	private final ReservationService reservations;

	InventoryController(ReservationService reservations) {
		this.reservations = reservations;
	}

	@PostMapping("/reservations")
	ResponseEntity<Reservation> reserve(@Valid @RequestBody ReservationRequest request) {
		ReservationService.Reserved reserved = this.reservations.reserve(request.orderId(), request.lines());
		if (!reserved.created()) {
			return ResponseEntity.ok(reserved.reservation());
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/inventory/reservations/" + request.orderId()))
			.body(reserved.reservation());
	}

	@GetMapping("/reservations/{orderId}")
	Reservation reservation(@PathVariable UUID orderId) {
		return this.reservations.get(orderId);
	}

	@DeleteMapping("/reservations/{orderId}")
	ResponseEntity<Void> release(@PathVariable UUID orderId) {
		this.reservations.release(orderId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/reservations/{orderId}/commit")
	Reservation commit(@PathVariable UUID orderId) {
		return this.reservations.commit(orderId);
	}

	@GetMapping("/{productId}")
	StockLevel stock(@PathVariable UUID productId) {
		return this.reservations.stock(productId);
	}

	@PostMapping("/{productId}/adjustments")
	StockLevel adjust(@PathVariable UUID productId, @Valid @RequestBody StockAdjustmentRequest request) {
		return this.reservations.adjust(productId, request.delta(), request.reason());
	}

	@ExceptionHandler
	ErrorResponse refused(InventoryRefusal refusal) {
		return InventoryProblems.of(refusal);
	}

}
