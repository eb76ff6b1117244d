package io.bazaar.notification.history;

import jakarta.validation.constraints.NotNull;

/**
 * Marks a notification read or unread.
 *
 * @param read {@code true} to mark it read, {@code false} to mark it unread
 */
record ReadStateRequest(@NotNull Boolean read) {

}
