package io.bazaar.notification.history;

import java.util.UUID;

/**
 * The caller has no notification with this id: it does not exist or belongs to someone
 * else (the two are not told apart).
 */
class NotificationNotFoundException extends RuntimeException {

	NotificationNotFoundException(UUID id) {
		super("You have no notification " + id + ".", null, false, false);
	}

}
