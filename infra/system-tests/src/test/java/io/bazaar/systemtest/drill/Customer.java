package io.bazaar.systemtest.drill;

import java.util.UUID;

/**
 * A signed-in customer of a drill.
 *
 * @param id the user's id
 * @param email where their e-mails go
 * @param token their bearer token
 */
public record Customer(UUID id, String email, String token) {

}
