package io.bazaar.runtime.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * A warning that would repeat on every request while something is down or overloaded,
 * logged at most once per period, with how many times it happened since the last line and
 * the latest cause's own message (no stack trace: under load, formatting one per request
 * costs more than the request).
 */
public final class QuietLog {

	private final Logger logger;

	private final String message;

	private final long periodNanos;

	private final AtomicLong next = new AtomicLong(System.nanoTime());

	private final AtomicLong unlogged = new AtomicLong();

	/**
	 * @param message the warning, with two placeholders: the count, then the cause
	 */
	public QuietLog(Logger logger, Duration period, String message) {
		this.logger = logger;
		this.message = message;
		this.periodNanos = period.toNanos();
	}

	public void happened(Throwable cause) {
		long count = this.unlogged.incrementAndGet();
		long now = System.nanoTime();
		long due = this.next.get();
		if (now - due >= 0 && this.next.compareAndSet(due, now + this.periodNanos)) {
			this.unlogged.addAndGet(-count);
			this.logger.warn(this.message, count, describe(cause));
		}
	}

	private static String describe(Throwable cause) {
		StringBuilder text = new StringBuilder(cause.toString());
		for (Throwable inner = cause.getCause(); inner != null && inner != inner.getCause(); inner = inner.getCause()) {
			text.append("; caused by ").append(inner);
		}
		return text.toString();
	}

}
