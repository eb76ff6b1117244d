package io.bazaar.runtime.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the rows the {@link RetentionPolicy retention policies} no longer keep, in
 * small batches: each batch is a short transaction of its own that locks the rows it
 * deletes with {@code FOR UPDATE SKIP LOCKED}, so it never waits on a row another
 * transaction holds, and instances purging side by side take different rows. A pause
 * between batches leaves the table to the traffic. The cut-off is fixed when a run
 * starts, so a run ends even while rows keep ageing. Rows deleted are counted as
 * {@code retention.purged{table}}.
 */
public class RetentionPurger {

	private static final Logger logger = LoggerFactory.getLogger(RetentionPurger.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final List<RetentionPolicy> policies;

	private final int batchSize;

	private final Duration pause;

	private final Map<RetentionPolicy, Counter> purged = new LinkedHashMap<>();

	RetentionPurger(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, List<RetentionPolicy> policies,
			RetentionProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.policies = List.copyOf(policies);
		this.batchSize = properties.batchSize();
		this.pause = properties.pause();
		for (RetentionPolicy policy : this.policies) {
			this.purged.put(policy,
					Counter.builder("retention.purged")
						.description("Rows deleted because their retention ran out")
						.tag("table", policy.table())
						.register(meters));
		}
	}

	/**
	 * Purges every table once; a table that fails is logged and the others still run.
	 * @return the rows deleted per table
	 */
	public Map<String, Integer> purge() {
		Map<String, Integer> deleted = new LinkedHashMap<>();
		for (RetentionPolicy policy : this.policies) {
			try {
				deleted.merge(policy.table(), purge(policy), Integer::sum);
			}
			catch (RuntimeException ex) {
				logger.warn("Purging {} failed; it is tried again on the next run: {}", policy.table(), ex.toString());
			}
			if (Thread.currentThread().isInterrupted()) {
				break;
			}
		}
		if (deleted.values().stream().anyMatch((count) -> count > 0)) {
			logger.info("Purged rows past their retention: {}",
					deleted.entrySet()
						.stream()
						.map((entry) -> entry.getKey() + "=" + entry.getValue())
						.collect(Collectors.joining(", ")));
		}
		return deleted;
	}

	/**
	 * Deletes the rows of one table past their retention, batch after batch, until a
	 * batch finds fewer rows than it may take.
	 * @return how many rows were deleted
	 */
	public int purge(RetentionPolicy policy) {
		String sql = deleteStatement(policy);
		Timestamp cutoff = Timestamp.from(this.clock.instant().minus(policy.retention()));
		Counter counter = this.purged.get(policy);
		int total = 0;
		while (true) {
			Integer batch = this.transactions.execute(
					(status) -> this.jdbc.sql(sql).param("cutoff", cutoff).param("limit", this.batchSize).update());
			int deleted = (batch != null) ? batch : 0;
			total += deleted;
			if (counter != null) {
				counter.increment(deleted);
			}
			if (deleted < this.batchSize || !pause()) {
				return total;
			}
		}
	}

	/**
	 * One batch: the rows are found and locked by their physical address ({@code ctid},
	 * stable while locked) and deleted by it, a TID scan rather than a second index
	 * lookup.
	 */
	private static String deleteStatement(RetentionPolicy policy) {
		String condition = (policy.condition() != null) ? " AND (" + policy.condition() + ")" : "";
		return "DELETE FROM " + policy.table() + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + policy.table()
				+ " WHERE " + policy.timestampColumn() + " < :cutoff" + condition
				+ " LIMIT :limit FOR UPDATE SKIP LOCKED))";
	}

	/** Waits between two batches; {@code false} when the thread is being stopped. */
	private boolean pause() {
		try {
			Thread.sleep(this.pause.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
