package io.bazaar.runtime.inbox;

import java.util.List;
import java.util.UUID;

import io.bazaar.runtime.PlatformTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The idempotent consumer's record against a real PostgreSQL. */
class ProcessedEventsIntegrationTest {

	private static JdbcClient jdbc;

	private final ProcessedEvents processed = new ProcessedEvents(jdbc);

	@BeforeAll
	static void createTable() {
		jdbc = JdbcClient.create(PlatformTables.createDatabase("inbox"));
	}

	@Test
	void anEventIsAppliedOncePerConsumer() {
		UUID event = UUID.randomUUID();

		assertThat(this.processed.markProcessed("reservations", event)).isTrue();
		assertThat(this.processed.markProcessed("reservations", event)).isFalse();
		assertThat(this.processed.markProcessed("notifications", event)).isTrue();
		assertThat(this.processed.isProcessed("reservations", event)).isTrue();
		assertThat(this.processed.isProcessed("payments", event)).isFalse();
	}

	@Test
	void tellsWhichOfSeveralEventsWereAppliedInOneQuery() {
		UUID applied = UUID.randomUUID();
		UUID fresh = UUID.randomUUID();
		this.processed.markProcessed("payments", applied);

		assertThat(this.processed.processedAmong("payments", List.of(applied, fresh))).containsExactly(applied);
		assertThat(this.processed.processedAmong("payments", List.of())).isEmpty();
	}

}
