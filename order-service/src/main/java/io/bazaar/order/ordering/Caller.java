package io.bazaar.order.ordering;

import java.util.UUID;

/**
 * Who is calling, from their verified access token.
 *
 * @param userId the token's subject
 * @param admin whether the token carries the ADMIN role
 */
public record Caller(UUID userId, boolean admin) {

}
