package io.bazaar.user.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts in the {@code user_account} table. */
@Repository
public class AccountRepository {

	private static final String COLUMNS = "id, email, display_name, password_hash, roles, created_at, updated_at";

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new account unless its email is taken (case-insensitively).
	 * @return whether it was stored
	 */
	boolean insertUnlessEmailTaken(Account account) {
		int inserted = this.jdbc.sql("""
				INSERT INTO user_account (id, email, display_name, password_hash, roles, created_at, updated_at)
				VALUES (:id, :email, :displayName, :passwordHash, :roles, :createdAt, :updatedAt)
				ON CONFLICT (lower(email)) DO NOTHING
				""")
			.param("id", account.id())
			.param("email", account.email())
			.param("displayName", account.displayName())
			.param("passwordHash", account.passwordHash())
			.param("roles", account.sortedRoles().stream().map(Role::name).toArray(String[]::new))
			.param("createdAt", Timestamp.from(account.createdAt()))
			.param("updatedAt", Timestamp.from(account.updatedAt()))
			.update();
		return inserted == 1;
	}

	public Optional<Account> findById(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE id = :id")
			.param("id", id)
			.query(AccountRepository::map)
			.optional();
	}

	/** Looks an account up by its email, normalised first. */
	public Optional<Account> findByEmail(String email) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE lower(email) = lower(:email)")
			.param("email", EmailAddress.normalise(email))
			.query(AccountRepository::map)
			.optional();
	}

	/**
	 * @return whether the account exists (and so was changed)
	 */
	boolean updateDisplayName(UUID id, String displayName, Instant now) {
		return this.jdbc.sql("UPDATE user_account SET display_name = :displayName, updated_at = :now WHERE id = :id")
			.param("displayName", displayName)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update() == 1;
	}

	boolean anyAdministrator() {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_account WHERE 'ADMIN' = ANY (roles))")
			.query(Boolean.class)
			.single();
	}

	private static Account map(ResultSet row, int rowNumber) throws SQLException {
		return new Account(row.getObject("id", UUID.class), row.getString("email"), row.getString("display_name"),
				row.getString("password_hash"), roles(row.getArray("roles")),
				row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
	}

	private static Set<Role> roles(Array array) throws SQLException {
		String[] names = (String[]) array.getArray();
		return Arrays.stream(names)
			.map(Role::valueOf)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
	}

}
