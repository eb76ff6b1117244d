package io.bazaar.runtime.retention;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the purge on a thread of its own while the application runs: first after
 * {@code initialDelay}, then {@code interval} after the end of each run. Stopping
 * interrupts a run between two batches; the batch under way commits or rolls back on its
 * own.
 */
class RetentionSchedule implements SmartLifecycle {

	private final RetentionPurger purger;

	private final RetentionProperties properties;

	private volatile ScheduledExecutorService executor;

	RetentionSchedule(RetentionPurger purger, RetentionProperties properties) {
		this.purger = purger;
		this.properties = properties;
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "retention-purge");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this.purger::purge, this.properties.initialDelay().toMillis(),
				this.properties.interval().toMillis(), TimeUnit.MILLISECONDS);
		this.executor = scheduler;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.executor;
		this.executor = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
			try {
				scheduler.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
