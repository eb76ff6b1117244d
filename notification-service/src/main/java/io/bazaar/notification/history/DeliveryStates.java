package io.bazaar.notification.history;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the state of the deliveries of notifications, for showing them to their user. */
@Component
class DeliveryStates {

	private final JdbcClient jdbc;

	DeliveryStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Map<UUID, List<DeliveryView>> of(Collection<UUID> notificationIds) {
		if (notificationIds.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("""
				SELECT notification_id, channel, status, attempts, next_attempt_at, sent_at
				FROM notification_delivery WHERE notification_id IN (:ids) ORDER BY channel""")
			.param("ids", notificationIds)
			.query((rs, rowNum) -> Map.entry(rs.getObject("notification_id", UUID.class),
					new DeliveryView(rs.getString("channel"), rs.getString("status"), rs.getInt("attempts"),
							"PENDING".equals(rs.getString("status")) ? rs.getTimestamp("next_attempt_at").toInstant()
									: null,
							instant(rs.getTimestamp("sent_at")))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	private static java.time.Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
