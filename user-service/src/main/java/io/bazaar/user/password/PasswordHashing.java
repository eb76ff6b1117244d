package io.bazaar.user.password;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.Assert;

/**
 * A bulkhead around the password encoder. Every hash (Argon2: 16 MiB and tens of
 * milliseconds of a processor each) runs only while holding one of a fixed number of
 * permits, so that a burst of sign-ups cannot exhaust the heap and processors and take
 * the service down for everyone.
 * <p>
 * Sign-ups may hold all permits but one (when there are two or more) and are refused at
 * once when none of theirs is free: the reserved permit keeps sign-ins, which matter
 * more, going through a burst. Sign-ins wait up to a bounded time for any permit. A
 * refusal throws {@link PasswordHashingBusyException} before anything is stored.
 * <p>
 * Meters: {@code users.password.hashing.active} (hashes in progress) and
 * {@code users.password.hashing.rejected} (refusals), tagged
 * {@code operation=sign-up|sign-in}.
 */
public class PasswordHashing {

	/** The memory one Argon2 hash takes with the encoder's parameters. */
	static final long MEMORY_PER_HASH = 16L * 1024 * 1024;

	/** What a refused client is asked to wait; a permit is held for well under it. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final PasswordEncoder encoder;

	private final int permits;

	private final Duration maxWait;

	/** Every permit; fair, so that a waiting sign-in is not overtaken. */
	private final Semaphore all;

	/** The share of {@link #all} sign-ups may hold. */
	private final Semaphore signUpShare;

	private final Lane signUp;

	private final Lane signIn;

	/**
	 * @param encoder the encoder doing the work
	 * @param permits how many hashes may run at once
	 * @param maxWait how long a sign-in waits for a permit
	 * @param meters where the meters are registered
	 */
	public PasswordHashing(PasswordEncoder encoder, int permits, Duration maxWait, MeterRegistry meters) {
		Assert.isTrue(permits >= 1, "permits must be at least 1");
		Assert.isTrue(!maxWait.isNegative(), "maxWait must not be negative");
		this.encoder = encoder;
		this.permits = permits;
		this.maxWait = maxWait;
		this.all = new Semaphore(permits, true);
		this.signUpShare = new Semaphore((permits >= 2) ? permits - 1 : permits);
		this.signUp = new Lane("sign-up", meters);
		this.signIn = new Lane("sign-in", meters);
	}

	/**
	 * How many hashes a machine can run at once: one per available processor, but no more
	 * than a quarter of the maximum heap holds, and at least one.
	 */
	public static int defaultPermits(int availableProcessors, long maxHeapBytes) {
		long byMemory = Math.max(1, (maxHeapBytes / 4) / MEMORY_PER_HASH);
		return (int) Math.max(1, Math.min(availableProcessors, byMemory));
	}

	/** How many hashes may run at once. */
	public int permits() {
		return this.permits;
	}

	/**
	 * Hashes a password a client chose (sign-up, password change). Refused at once when
	 * the sign-ups' share of permits is in use.
	 * @throws PasswordHashingBusyException when no permit is free
	 */
	public String encode(CharSequence rawPassword) {
		if (!this.signUpShare.tryAcquire()) {
			throw this.signUp.refused();
		}
		try {
			if (!acquire(Duration.ZERO)) {
				throw this.signUp.refused();
			}
			try {
				return this.signUp.run(() -> this.encoder.encode(rawPassword));
			}
			finally {
				this.all.release();
			}
		}
		finally {
			this.signUpShare.release();
		}
	}

	/**
	 * Checks a password against its hash (sign-in), waiting for a permit up to the
	 * configured time.
	 * @throws PasswordHashingBusyException when no permit became free in time
	 */
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return prioritised(() -> this.encoder.matches(rawPassword, encodedPassword));
	}

	/**
	 * Hashes a password the service itself must store (the administrator seeded at
	 * start-up, the stand-in hash unknown emails are checked against): waits for a permit
	 * as a sign-in does, rather than being refused for a burst of sign-ups.
	 * @throws PasswordHashingBusyException when no permit became free in time
	 */
	public String encodeWaiting(CharSequence rawPassword) {
		return prioritised(() -> this.encoder.encode(rawPassword));
	}

	private <T> T prioritised(Supplier<T> hashing) {
		if (!acquire(this.maxWait)) {
			throw this.signIn.refused();
		}
		try {
			return this.signIn.run(hashing);
		}
		finally {
			this.all.release();
		}
	}

	/** Waits at most {@code wait}; a zero wait still respects sign-ins queued first. */
	private boolean acquire(Duration wait) {
		try {
			return this.all.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** The meters of one kind of operation. */
	private static final class Lane {

		private final AtomicInteger active = new AtomicInteger();

		private final Counter rejected;

		Lane(String operation, MeterRegistry meters) {
			Gauge.builder("users.password.hashing.active", this.active, AtomicInteger::get)
				.description("Password hashes in progress")
				.tag("operation", operation)
				.register(meters);
			this.rejected = Counter.builder("users.password.hashing.rejected")
				.description("Requests refused because every password hashing permit was in use")
				.tag("operation", operation)
				.register(meters);
		}

		<T> T run(Supplier<T> hashing) {
			this.active.incrementAndGet();
			try {
				return hashing.get();
			}
			finally {
				this.active.decrementAndGet();
			}
		}

		PasswordHashingBusyException refused() {
			this.rejected.increment();
			return new PasswordHashingBusyException(RETRY_AFTER);
		}

	}

}
