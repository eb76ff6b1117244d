package io.bazaar.notification.history;

import java.util.UUID;

import io.bazaar.notification.web.CurrentUser;
import io.bazaar.runtime.web.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's notification history. Nobody sees another user's notifications. */
@RestController
@RequestMapping(path = "/api/notifications", version = "1")
class NotificationController {

	private final NotificationHistory history;

	NotificationController(NotificationHistory history) {
		this.history = history;
	}

	/** The caller's notifications, newest first, with the number still unread. */
	@GetMapping
	NotificationPage list(@AuthenticationPrincipal Jwt token, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.history.page(CurrentUser.id(token), page, size);
	}

	@GetMapping("/{id}")
	NotificationView get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.history.get(CurrentUser.id(token), id);
	}

	/** Marks one of the caller's notifications read or unread. */
	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	NotificationView markRead(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@Valid @RequestBody ReadStateRequest request) {
		return this.history.markRead(CurrentUser.id(token), id, request.read());
	}

	@ExceptionHandler
	ErrorResponse notFound(NotificationNotFoundException missing) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemTypes.problem(HttpStatus.NOT_FOUND,
				"notification-not-found", "Notification not found", missing.getMessage()), missing);
	}

}
