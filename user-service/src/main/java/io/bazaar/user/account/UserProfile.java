package io.bazaar.user.account;

import java.util.List;
import java.util.UUID;

/**
 * What a client sees of an account, and what the profile cache holds.
 *
 * @param id the account's id
 * @param email the normalised email
 * @param displayName the name shown to others
 * @param roles the account's roles
 */
public record UserProfile(UUID id, String email, String displayName, List<Role> roles) {

}
