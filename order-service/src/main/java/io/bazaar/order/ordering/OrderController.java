package io.bazaar.order.ordering;

import java.util.UUID;

import io.bazaar.order.web.Callers;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading and cancelling orders. A caller sees their own orders; an administrator sees
 * any order by id. Another user's order answers 404, as if it did not exist.
 */
@RestController
@RequestMapping(path = "/api/orders", version = "1")
class OrderController {

	private final Orders orders;

	OrderController(Orders orders) {
		this.orders = orders;
	}

	@GetMapping("/{id}")
	OrderView get(@PathVariable UUID id, Authentication authentication) {
		return OrderView.of(this.orders.get(id, Callers.of(authentication)));
	}

	@GetMapping
	OrderListView list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Authentication authentication) {
		return OrderListView.of(this.orders.list(Callers.of(authentication), page, size));
	}

	/** Cancels an order whose payment has not completed; 409 once it has. */
	@PostMapping("/{id}/cancel")
	OrderView cancel(@PathVariable UUID id, Authentication authentication) {
		return OrderView.of(this.orders.cancel(id, Callers.of(authentication)));
	}

	@ExceptionHandler
	ErrorResponse notFound(OrderNotFoundException missing) {
		return OrderProblems.notFound(missing);
	}

	@ExceptionHandler
	ErrorResponse notCancellable(OrderNotCancellableException refused) {
		return OrderProblems.notCancellable(refused);
	}

}
