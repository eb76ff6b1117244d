package io.bazaar.runtime.outbox;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Tells the relay that events were committed, so it publishes them at once instead of at
 * its next poll. Signals raised while the relay is busy collapse into one: the run that
 * follows publishes everything committed meanwhile, in batches.
 */
final class CommitSignal {

	private final BlockingQueue<Boolean> pending = new ArrayBlockingQueue<>(1);

	void committed() {
		this.pending.offer(Boolean.TRUE);
	}

	/**
	 * Waits for a commit, at most {@code timeout}.
	 * @return whether a commit was signalled (false when the wait timed out)
	 */
	boolean awaitCommit(Duration timeout) throws InterruptedException {
		return this.pending.poll(timeout.toNanos(), TimeUnit.NANOSECONDS) != null;
	}

}
