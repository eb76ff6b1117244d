package io.bazaar.gateway.resilience;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.bazaar.gateway.config.GatewayProperties.Retries;

/**
 * How many retries a service may be sent: every call adds {@code budgetRatio} of a retry
 * to the budget, every retry takes one, and {@code minRetriesPerSecond} are added with
 * time, so that a service that fails is sent at most that many extra calls however many
 * clients retry through the gateway. The balance is capped at ten seconds' worth of the
 * minimum plus a hundred calls' worth, so a quiet hour does not save up a storm.
 */
final class RetryBudget {

	private static final long ONE = 1000;

	private final long perCall;

	private final long perSecond;

	private final long cap;

	private final AtomicLong balance;

	private final AtomicLong lastRefill;

	RetryBudget(Retries settings, long now) {
		this.perCall = Math.round(settings.budgetRatio() * ONE);
		this.perSecond = settings.minRetriesPerSecond() * ONE;
		this.cap = 10 * this.perSecond + 100 * this.perCall;
		this.balance = new AtomicLong(this.cap);
		this.lastRefill = new AtomicLong(now);
	}

	void callMade() {
		if (this.balance.get() < this.cap) {
			this.balance.accumulateAndGet(this.perCall, (current, added) -> Math.min(this.cap, current + added));
		}
	}

	/** Takes one retry from the budget, if it holds one. */
	boolean tryRetry(long now) {
		refill(now);
		while (true) {
			long current = this.balance.get();
			if (current < ONE) {
				return false;
			}
			if (this.balance.compareAndSet(current, current - ONE)) {
				return true;
			}
		}
	}

	private void refill(long now) {
		long last = this.lastRefill.get();
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(now - last);
		if (elapsedMillis <= 0 || !this.lastRefill.compareAndSet(last, now)) {
			return;
		}
		long added = this.perSecond * elapsedMillis / 1000;
		this.balance.accumulateAndGet(added, (current, more) -> Math.min(this.cap, current + more));
	}

}
