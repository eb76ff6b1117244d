package io.bazaar.notification.history;

import java.util.UUID;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The caller has no notification with this id: it does not exist or belongs to someone
 * else (the two are not told apart).
 */
class NotificationNotFoundException extends ErrorResponseException {

	NotificationNotFoundException(UUID id) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.problem(HttpStatus.NOT_FOUND, "notification-not-found",
				"Notification not found", "You have no notification " + id + "."), null);
	}

}
