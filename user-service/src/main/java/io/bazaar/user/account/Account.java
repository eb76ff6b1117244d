package io.bazaar.user.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.util.Assert;

/**
 * A registered account. Its email is normalised and never changes; its display name may.
 *
 * @param id the account's id, the {@code sub} of its tokens
 * @param email the normalised email
 * @param displayName the name shown to others
 * @param passwordHash the encoded password (with its algorithm prefix)
 * @param roles what the account may do
 * @param createdAt when it registered
 * @param updatedAt when it last changed
 */
public record Account(UUID id, String email, String displayName, String passwordHash, Set<Role> roles,
		Instant createdAt, Instant updatedAt) {

	public Account {
		Assert.notNull(id, "id is required");
		Assert.hasText(email, "email is required");
		Assert.isTrue(email.equals(EmailAddress.normalise(email)), "email must be normalised");
		Assert.hasText(displayName, "displayName is required");
		Assert.hasText(passwordHash, "passwordHash is required");
		Assert.notEmpty(roles, "an account has at least one role");
		roles = Set.copyOf(roles);
	}

	/** A new customer account. */
	static Account customer(String email, String displayName, String passwordHash, Instant now) {
		return new Account(UUID.randomUUID(), email, displayName, passwordHash, EnumSet.of(Role.CUSTOMER), now, now);
	}

	/** A new administrator, who is a customer too. */
	static Account administrator(String email, String displayName, String passwordHash, Instant now) {
		return new Account(UUID.randomUUID(), email, displayName, passwordHash, EnumSet.of(Role.CUSTOMER, Role.ADMIN),
				now, now);
	}

	/** The roles in a stable order, as they appear in tokens and responses. */
	public List<Role> sortedRoles() {
		return this.roles.stream().sorted().toList();
	}

	UserProfile profile() {
		return new UserProfile(this.id, this.email, this.displayName, sortedRoles());
	}

}
