package io.bazaar.order.placement;

import java.net.URI;

import io.bazaar.order.ordering.OrderView;
import io.bazaar.order.web.Callers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/orders}: places an order. The {@code Idempotency-Key} header is
 * required; a retry with the same key and body answers the same order (with
 * {@code Idempotent-Replayed: true}), the same key with another body answers 422.
 */
@RestController
@RequestMapping(path = "/api/orders", version = "1")
class OrderPlacementController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final OrderPlacement placement;

	OrderPlacementController(OrderPlacement placement) {
		this.placement = placement;
	}

	@PostMapping
	ResponseEntity<OrderView> place(
			@RequestHeader(IDEMPOTENCY_KEY) @NotBlank @Size(max = 255) @Pattern(regexp = "[\\x21-\\x7E]+",
					message = "must be printable ASCII without spaces") String idempotencyKey,
			@Valid @RequestBody PlaceOrderRequest request, Authentication authentication) {
		OrderPlacement.Placement placed = this.placement.place(Callers.of(authentication), idempotencyKey, request);
		return ResponseEntity.created(URI.create("/api/orders/" + placed.order().id()))
			.header("Idempotent-Replayed", Boolean.toString(placed.replayed()))
			.body(OrderView.of(placed.order()));
	}

	@ExceptionHandler
	ErrorResponse refused(PlacementRefusal refusal) {
		return PlacementProblems.of(refusal);
	}

	@ExceptionHandler
	ErrorResponse catalogUnavailable(CatalogUnavailableException unavailable) {
		return PlacementProblems.catalogUnavailable(unavailable);
	}

}
