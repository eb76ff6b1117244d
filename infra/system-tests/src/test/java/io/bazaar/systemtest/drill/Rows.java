package io.bazaar.systemtest.drill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

import io.bazaar.testsupport.postgres.IsolatedDatabase;

/** Reads rows from a service's database, as that service's role. */
final class Rows {

	private Rows() {
	}

	/**
	 * Runs {@code sql}, whose one parameter is a {@code uuid[]} of {@code ids}, and hands
	 * each row to {@code handler}.
	 */
	static void query(IsolatedDatabase database, String sql, Collection<UUID> ids, Handler handler)
			throws SQLException {
		try (Connection connection = database.connectTo(database.name());
				PreparedStatement query = connection.prepareStatement(sql)) {
			query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					handler.handle(rows);
				}
			}
		}
	}

	interface Handler {

		void handle(ResultSet rows) throws SQLException;

	}

}
