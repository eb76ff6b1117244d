package io.bazaar.user.account;

import java.util.UUID;

/** No account has the given id. */
public class AccountNotFoundException extends RuntimeException {

	public AccountNotFoundException(UUID id) {
		super("No account " + id);
	}

}
