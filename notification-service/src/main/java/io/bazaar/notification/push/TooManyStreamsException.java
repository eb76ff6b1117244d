package io.bazaar.notification.push;

import java.time.Duration;

/**
 * A stream refused because its user, or this instance, has as many open as allowed
 * ({@code notifications.push.max-streams-per-user},
 * {@code notifications.push.max-streams}).
 */
class TooManyStreamsException extends RuntimeException {

	private final boolean perUser;

	TooManyStreamsException(boolean perUser, int limit) {
		super(perUser ? "The user has " + limit + " streams open already"
				: "This instance has " + limit + " streams open already");
		this.perUser = perUser;
	}

	/** Whether the user's own limit was reached, rather than the instance's. */
	boolean perUser() {
		return this.perUser;
	}

	/**
	 * When to try again: a user's own streams end only when the user closes one; an
	 * instance's free up continually, and a retry may reach another instance.
	 */
	Duration retryAfter() {
		return this.perUser ? Duration.ofSeconds(30) : Duration.ofSeconds(1);
	}

}
