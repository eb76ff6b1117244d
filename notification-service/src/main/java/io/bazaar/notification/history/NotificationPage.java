package io.bazaar.notification.history;

import java.util.List;

/**
 * One page of a user's notifications, newest first.
 *
 * @param items the notifications on this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param totalItems how many notifications the user has
 * @param totalPages how many pages of this size there are
 * @param unreadCount how many of the user's notifications are unread
 */
public record NotificationPage(List<NotificationView> items, int page, int size, long totalItems, long totalPages,
		long unreadCount) {

}
