package io.bazaar.notification.recipient;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service's own directory of recipients, kept from {@code UserRegistered} events:
 * order events name only the user, and the service never reads user-service's database.
 */
@Repository
public class RecipientDirectory {

	private final JdbcClient jdbc;

	RecipientDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records (or updates) a recipient, in the transaction that consumes the event. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void register(Recipient recipient) {
		this.jdbc.sql("""
				INSERT INTO recipient (user_id, email, display_name) VALUES (:userId, :email, :displayName)
				ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name""")
			.param("userId", recipient.userId())
			.param("email", recipient.email())
			.param("displayName", recipient.displayName())
			.update();
	}

	public Optional<Recipient> find(UUID userId) {
		return this.jdbc.sql("SELECT user_id, email, display_name FROM recipient WHERE user_id = :userId")
			.param("userId", userId)
			.query((rs, rowNum) -> new Recipient(rs.getObject("user_id", UUID.class), rs.getString("email"),
					rs.getString("display_name")))
			.optional();
	}

}
