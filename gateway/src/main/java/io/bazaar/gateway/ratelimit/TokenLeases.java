package io.bazaar.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.bazaar.gateway.config.GatewayProperties.RateLimitPolicy;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Rate-limit decisions taken in memory from tokens leased out of the shared Redis buckets
 * a few at a time: a tenth of a bucket's capacity (one for small buckets such as
 * sign-in's), held for at most {@link #LEASE_TIME}. Most requests cost no Redis call;
 * while a bucket is empty, refusals are answered from memory until a token is due. One
 * call to Redis is under way per bucket at a time, however many requests wait on it.
 * <p>
 * The price is precision: with n gateway instances a client can get up to n leases more
 * than its bucket holds, and tokens leased but unused when a lease ends are lost, which
 * only ever errs on the strict side.
 */
@Component
class TokenLeases {

	static final Duration LEASE_TIME = Duration.ofSeconds(1);

	/** Longer than Redis's time limit on a renewal, which it should never reach. */
	static final Duration RENEWAL_WAIT = Duration.ofMillis(500);

	private static final int MAX_ROUNDS = 3;

	private static final int TIDY_ABOVE = 10_000;

	private final TokenBucket buckets;

	private final Map<String, Lease> leases = new ConcurrentHashMap<>();

	private final Map<String, Mono<Lease>> renewals = new ConcurrentHashMap<>();

	TokenLeases(TokenBucket buckets) {
		this.buckets = buckets;
	}

	/** Decides whether one request may pass the bucket {@code key}. */
	Mono<Decision> take(String key, RateLimitPolicy policy) {
		return take(key, policy, 1);
	}

	private Mono<Decision> take(String key, RateLimitPolicy policy, int round) {
		long now = System.nanoTime();
		Lease lease = this.leases.get(key);
		if (lease != null && lease.current(now)) {
			Decision decision = lease.take(now);
			if (decision != null) {
				return Mono.just(decision);
			}
		}
		if (round > MAX_ROUNDS) {
			return this.buckets.take(key, policy, 1).map((grant) -> new Lease(policy, grant, now).take(now));
		}
		return renew(key, policy, lease).flatMap((renewed) -> take(key, policy, round + 1));
	}

	private Mono<Lease> renew(String key, RateLimitPolicy policy, Lease spent) {
		Mono<Lease> under = this.renewals.get(key);
		if (under != null) {
			return boundedWait(key, under);
		}
		int wanted = Math.max(1, policy.capacity() / 10);
		AtomicReference<Mono<Lease>> self = new AtomicReference<>();
		Mono<Lease> renewal = this.buckets.take(key, policy, wanted)
			.map((grant) -> new Lease(policy, grant, System.nanoTime()))
			.doOnNext((fresh) -> this.leases.put(key, fresh))
			.doFinally((signal) -> this.renewals.remove(key, self.get()))
			.cache();
		self.set(renewal);
		Mono<Lease> winner = this.renewals.putIfAbsent(key, renewal);
		if (winner != null) {
			return boundedWait(key, winner);
		}
		if (this.leases.size() > TIDY_ABOVE) {
			long now = System.nanoTime();
			this.leases.values().removeIf((lease) -> !lease.current(now));
		}
		return boundedWait(key, renewal);
	}

	/**
	 * Waits for a renewal at most {@link #RENEWAL_WAIT}; one that has not ended by then
	 * is forgotten, so the bucket's next request starts another. A renewal is bounded by
	 * Redis's time limit, yet under load one was seen never to end, and every request of
	 * that bucket waited on it until the gateway gave it up.
	 */
	private Mono<Lease> boundedWait(String key, Mono<Lease> renewal) {
		return renewal.timeout(RENEWAL_WAIT)
			.doOnError(TimeoutException.class, (ex) -> this.renewals.remove(key, renewal));
	}

	/**
	 * Whether the request passes, and what the client is told of its bucket.
	 *
	 * @param allowed whether the request may pass
	 * @param limit the bucket's capacity
	 * @param remaining tokens left after this request, as far as this gateway knows
	 * @param retryAfter how long until a token is available (zero when allowed)
	 * @param untilFull how long until the bucket is full again
	 */
	record Decision(boolean allowed, long limit, long remaining, Duration retryAfter, Duration untilFull) {

	}

	/** Tokens this gateway holds of one bucket, or the knowledge that it is empty. */
	private static final class Lease {

		private final long limit;

		private final AtomicLong tokens;

		private final long leftInBucket;

		private final Duration untilFull;

		private final long refusedUntil;

		private final long endsAt;

		Lease(RateLimitPolicy policy, TokenBucket.Grant grant, long now) {
			this.limit = policy.capacity();
			this.tokens = new AtomicLong(grant.granted());
			this.leftInBucket = grant.left();
			this.untilFull = grant.untilFull();
			this.refusedUntil = (grant.granted() == 0) ? now + grant.untilNext().toNanos() : now;
			this.endsAt = now + Math.min(LEASE_TIME.toNanos(),
					(grant.granted() == 0) ? grant.untilNext().toNanos() : Long.MAX_VALUE);
		}

		boolean current(long now) {
			return now - this.endsAt < 0;
		}

		/** A decision from this lease, or {@code null} when its tokens are spent. */
		Decision take(long now) {
			if (now - this.refusedUntil < 0) {
				return new Decision(false, this.limit, 0, Duration.ofNanos(this.refusedUntil - now), this.untilFull);
			}
			long left = this.tokens.decrementAndGet();
			if (left < 0) {
				return null;
			}
			return new Decision(true, this.limit, this.leftInBucket + left, Duration.ZERO, this.untilFull);
		}

	}

}
