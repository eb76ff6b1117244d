package io.bazaar.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * A warning that repeats on every request while something is down, logged at most once
 * per period with the number of times it happened since the last line.
 */
final class QuietLog {

	private final Logger logger;

	private final long periodNanos;

	private final AtomicLong next = new AtomicLong(System.nanoTime());

	private final AtomicLong unlogged = new AtomicLong();

	QuietLog(Logger logger, Duration period) {
		this.logger = logger;
		this.periodNanos = period.toNanos();
	}

	void failed(Throwable cause) {
		long count = this.unlogged.incrementAndGet();
		long now = System.nanoTime();
		long due = this.next.get();
		if (now - due >= 0 && this.next.compareAndSet(due, now + this.periodNanos)) {
			this.unlogged.addAndGet(-count);
			this.logger.warn("Rate limiter unavailable, let {} request(s) through unlimited: {}", count,
					cause.toString());
		}
	}

}
