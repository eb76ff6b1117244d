package io.bazaar.notification.delivery;

/** A way of reaching a user outside the app. */
public enum Channel {

	EMAIL

}
