package io.bazaar.notification.recipient;

import java.util.UUID;

/**
 * Someone the service can write to.
 *
 * @param userId the user
 * @param email their address
 * @param displayName the name they registered with
 */
public record Recipient(UUID userId, String email, String displayName) {

}
