package io.bazaar.runtime.outbox;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the relay on a thread of its own while the application runs: at start (events left
 * by an instance that stopped), at once when this instance commits events, and every
 * {@code poll-interval} otherwise, which picks up events written by instances that do not
 * relay or that crashed before relaying. After a failed run it waits a full poll interval
 * before trying again, so a broker outage costs one attempt per interval, not one per
 * commit.
 */
class OutboxRelaySchedule implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelaySchedule.class);

	private final OutboxRelay relay;

	private final CommitSignal commits;

	private final OutboxProperties properties;

	private volatile Thread thread;

	private volatile boolean running;

	OutboxRelaySchedule(OutboxRelay relay, CommitSignal commits, OutboxProperties properties) {
		this.relay = relay;
		this.commits = commits;
		this.properties = properties;
	}

	@Override
	public void start() {
		Thread started = new Thread(this::relayUntilStopped, "outbox-relay");
		started.setDaemon(true);
		this.running = true;
		this.thread = started;
		started.start();
	}

	private void relayUntilStopped() {
		Duration pollInterval = this.properties.pollInterval();
		try {
			while (this.running) {
				if (!relayOnce()) {
					Thread.sleep(pollInterval.toMillis());
				}
				this.commits.awaitCommit(pollInterval);
			}
		}
		catch (InterruptedException ex) {
			// stopped
		}
	}

	private boolean relayOnce() {
		try {
			return this.relay.publishPending().complete();
		}
		catch (RuntimeException ex) {
			logger.warn("Outbox relay run failed; events stay queued: {}", ex.toString());
			return false;
		}
	}

	@Override
	public void stop() {
		Thread running = this.thread;
		if (running != null) {
			// The run under way finishes its batch: a relay cut off mid-batch would
			// publish those events again on the next start.
			this.running = false;
			this.commits.committed();
			try {
				running.join(this.properties.sendTimeout().toMillis());
				running.interrupt();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
