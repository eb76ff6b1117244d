package io.bazaar.runtime.outbox;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the relay on one thread of its own, a fixed pause after each run, while the
 * application runs.
 */
class OutboxRelaySchedule implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelaySchedule.class);

	private final OutboxRelay relay;

	private final OutboxProperties properties;

	private volatile ScheduledExecutorService executor;

	OutboxRelaySchedule(OutboxRelay relay, OutboxProperties properties) {
		this.relay = relay;
		this.properties = properties;
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "outbox-relay");
			thread.setDaemon(true);
			return thread;
		});
		long pause = this.properties.pollInterval().toMillis();
		started.scheduleWithFixedDelay(this::relay, pause, pause, TimeUnit.MILLISECONDS);
		this.executor = started;
	}

	private void relay() {
		try {
			this.relay.publishPending();
		}
		catch (RuntimeException ex) {
			logger.warn("Outbox relay run failed; events stay queued: {}", ex.toString());
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.executor;
		if (running != null) {
			running.shutdown();
			try {
				running.awaitTermination(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
