package io.bazaar.notification.history;

/** What a notification is about. */
public enum NotificationKind {

	/** The user's account was created. */
	WELCOME,

	/** The user's order was confirmed: stock reserved and payment taken. */
	ORDER_CONFIRMED,

	/** The user's order was cancelled. */
	ORDER_CANCELLED

}
