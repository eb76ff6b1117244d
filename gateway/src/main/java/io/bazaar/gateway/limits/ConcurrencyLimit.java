package io.bazaar.gateway.limits;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} of something at once, taken without waiting: a caller that finds
 * none free is refused at once (never queued), which is what shedding load needs.
 */
public final class ConcurrencyLimit {

	private final int limit;

	private final AtomicInteger inUse = new AtomicInteger();

	public ConcurrencyLimit(int limit) {
		this.limit = limit;
	}

	/** Takes one, if one is free; the caller must {@link #release()} it. */
	public boolean tryAcquire() {
		while (true) {
			int taken = this.inUse.get();
			if (taken >= this.limit) {
				return false;
			}
			if (this.inUse.compareAndSet(taken, taken + 1)) {
				return true;
			}
		}
	}

	public void release() {
		this.inUse.decrementAndGet();
	}

	public int inUse() {
		return this.inUse.get();
	}

}
