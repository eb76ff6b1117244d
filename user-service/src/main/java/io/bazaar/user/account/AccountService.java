package io.bazaar.user.account;

import java.time.Clock;
import java.util.UUID;

import io.bazaar.runtime.outbox.Outbox;
import io.bazaar.runtime.outbox.Traceparent;
import io.bazaar.user.password.PasswordHashing;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration and profiles. */
@Service
public class AccountService {

	private final AccountRepository accounts;

	private final PasswordHashing passwords;

	private final ProfileCache cache;

	private final Outbox outbox;

	private final Traceparent traceparent;

	private final TransactionTemplate transactions;

	private final Clock clock;

	AccountService(AccountRepository accounts, PasswordHashing passwords, ProfileCache cache, Outbox outbox,
			Traceparent traceparent, TransactionTemplate transactions, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.cache = cache;
		this.outbox = outbox;
		this.traceparent = traceparent;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Registers a customer and, in the same transaction, queues its
	 * {@link UserRegistered} event.
	 * @throws EmailAlreadyRegisteredException when the email is taken
	 * @throws io.bazaar.user.password.PasswordHashingBusyException when too many
	 * passwords are being hashed; nothing is stored then
	 */
	UserProfile register(RegistrationRequest request) {
		// Hashing is deliberately slow: do it before a database connection is taken. A
		// refusal to hash therefore comes before anything is written.
		String passwordHash = this.passwords.encode(request.password());
		Account account = Account.customer(request.email(), request.displayName(), passwordHash, this.clock.instant());
		this.transactions.executeWithoutResult((status) -> {
			if (!this.accounts.insertUnlessEmailTaken(account)) {
				throw new EmailAlreadyRegisteredException();
			}
			this.outbox.append(UserRegistered.TOPIC, UserRegistered.of(account, this.traceparent.current()));
		});
		return account.profile();
	}

	/** The account's profile, from the cache when it holds it. */
	UserProfile profile(UUID id) {
		return this.cache.get(id).orElseGet(() -> {
			UserProfile profile = this.accounts.findById(id)
				.map(Account::profile)
				.orElseThrow(() -> new AccountNotFoundException(id));
			this.cache.put(profile);
			return profile;
		});
	}

	/**
	 * Changes the display name; the cached profile is evicted once the change commits.
	 */
	UserProfile rename(UUID id, String displayName) {
		return this.transactions.execute((status) -> {
			if (!this.accounts.updateDisplayName(id, displayName, this.clock.instant())) {
				throw new AccountNotFoundException(id);
			}
			this.cache.evictAfterCommit(id);
			return this.accounts.findById(id).map(Account::profile).orElseThrow(() -> new AccountNotFoundException(id));
		});
	}

}
