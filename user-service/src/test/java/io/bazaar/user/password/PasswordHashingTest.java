package io.bazaar.user.password;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The permit logic of the hashing bulkhead, with an encoder the test holds up at will.
 */
class PasswordHashingTest {

	private static final long MIB = 1024 * 1024;

	private final GatedEncoder encoder = new GatedEncoder();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final ExecutorService others = Executors.newCachedThreadPool();

	@AfterEach
	void release() {
		this.encoder.open();
		this.threads.shutdownNow();
		this.others.shutdownNow();
	}

	@Nested
	class SignUps {

		@Test
		void areRefusedAtOnceWhenOnlyTheReservedPermitIsLeft() throws Exception {
			PasswordHashing hashing = hashing(2, Duration.ofSeconds(2));
			Future<String> holding = hashInBackground(hashing::encode);

			long started = System.nanoTime();
			assertThatExceptionOfType(PasswordHashingBusyException.class).isThrownBy(() -> hashing.encode("second"))
				.satisfies((ex) -> assertThat(ex.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));

			assertThat(rejected("sign-up")).isOne();

			Future<Boolean> signIn = PasswordHashingTest.this.threads.submit(() -> hashing.matches("raw", "hash:raw"));
			await().atMost(Duration.ofSeconds(5))
				.alias("a sign-in takes the reserved permit while the sign-up still hashes")
				.until(() -> PasswordHashingTest.this.encoder.inProgress.get() == 2);
			PasswordHashingTest.this.encoder.open();
			assertThat(signIn.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(holding.get(5, TimeUnit.SECONDS)).isEqualTo("hash:first");
			assertThat(rejected("sign-in")).isZero();
		}

		@Test
		void mayUseEveryPermitButOne() throws Exception {
			PasswordHashing hashing = hashing(4, Duration.ofSeconds(2));
			for (int i = 0; i < 3; i++) {
				hashInBackground(hashing::encode);
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> PasswordHashingTest.this.encoder.inProgress.get() == 3);

			assertThatExceptionOfType(PasswordHashingBusyException.class).isThrownBy(() -> hashing.encode("fourth"));
			assertThat(active("sign-up")).isEqualTo(3);
		}

		@Test
		void shareTheOnlyPermitWhenThereIsOne() {
			PasswordHashing hashing = hashing(1, Duration.ofSeconds(2));
			PasswordHashingTest.this.encoder.open();

			assertThat(hashing.encode("only")).isEqualTo("hash:only");
		}

	}

	@Nested
	class SignIns {

		@Test
		void waitForAPermitAndGetItWhenOneIsReleased() throws Exception {
			PasswordHashing hashing = hashing(1, Duration.ofSeconds(5));
			Future<String> holding = hashInBackground(hashing::encode);

			long started = System.nanoTime();
			Future<Boolean> signIn = PasswordHashingTest.this.threads.submit(() -> hashing.matches("raw", "hash:raw"));
			Thread.sleep(300);
			assertThat(signIn).as("waiting while the permit is held").isNotDone();
			PasswordHashingTest.this.encoder.open();

			assertThat(signIn.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
			assertThat(holding.get(5, TimeUnit.SECONDS)).isEqualTo("hash:first");
			assertThat(rejected("sign-in")).isZero();
		}

		@Test
		void areRefusedWhenNoPermitIsReleasedInTime() throws Exception {
			PasswordHashing hashing = hashing(1, Duration.ofMillis(200));
			hashInBackground(hashing::encode);

			long started = System.nanoTime();
			assertThatExceptionOfType(PasswordHashingBusyException.class)
				.isThrownBy(() -> hashing.matches("raw", "hash:raw"));

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(150),
					Duration.ofSeconds(2));
			assertThat(rejected("sign-in")).isOne();
		}

	}

	@Nested
	class Permits {

		@Test
		void areReleasedWhenHashingFails() {
			// One permit: were it not given back, every later call would be refused.
			PasswordHashing hashing = hashing(1, Duration.ofMillis(100));
			PasswordHashingTest.this.encoder.failing.set(new IllegalStateException("encoder failed"));

			assertThatIllegalStateException().isThrownBy(() -> hashing.encode("first"));
			assertThatIllegalStateException().isThrownBy(() -> hashing.matches("raw", "hash:raw"));
			assertThatIllegalStateException().isThrownBy(() -> hashing.encodeWaiting("admin"));

			PasswordHashingTest.this.encoder.failing.set(null);
			PasswordHashingTest.this.encoder.open();
			assertThat(hashing.encode("again")).isEqualTo("hash:again");
			assertThat(hashing.matches("raw", "hash:raw")).isTrue();
			assertThat(active("sign-up")).isZero();
			assertThat(active("sign-in")).isZero();
		}

		@Test
		void areAllFreeAfterABurst() throws Exception {
			PasswordHashing hashing = hashing(3, Duration.ofSeconds(2));
			PasswordHashingTest.this.encoder.open();
			AtomicInteger refused = new AtomicInteger();
			CountDownLatch start = new CountDownLatch(1);
			for (int i = 0; i < 50; i++) {
				PasswordHashingTest.this.threads.submit(() -> {
					start.await();
					try {
						hashing.encode("burst");
					}
					catch (PasswordHashingBusyException ex) {
						refused.incrementAndGet();
					}
					return null;
				});
			}
			start.countDown();
			PasswordHashingTest.this.threads.shutdown();
			assertThat(PasswordHashingTest.this.threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

			assertThat(rejected("sign-up")).isEqualTo(refused.get());
			assertThat(PasswordHashingTest.this.encoder.maxInProgress.get()).isLessThanOrEqualTo(2);
			PasswordHashingTest.this.encoder.close();
			CompletableFuture<Void> allThree = CompletableFuture.allOf(
					CompletableFuture.runAsync(() -> hashing.encodeWaiting("a"), PasswordHashingTest.this.others),
					CompletableFuture.runAsync(() -> hashing.encodeWaiting("b"), PasswordHashingTest.this.others),
					CompletableFuture.runAsync(() -> hashing.matches("raw", "hash:raw"),
							PasswordHashingTest.this.others));
			await().atMost(Duration.ofSeconds(5))
				.alias("every permit free again, so all three hash at once")
				.until(() -> PasswordHashingTest.this.encoder.inProgress.get() == 3);
			PasswordHashingTest.this.encoder.open();
			allThree.get(5, TimeUnit.SECONDS);
		}

		@ParameterizedTest(name = "{0} processors, {1} MiB heap: {2}")
		@CsvSource({ "2, 320, 2", "8, 256, 4", "16, 4096, 16", "4, 32, 1", "1, 8192, 1", "64, 1024, 16" })
		void byDefaultFollowProcessorsAndAQuarterOfTheHeap(int processors, long heapMib, int expected) {
			assertThat(PasswordHashing.defaultPermits(processors, heapMib * MIB)).isEqualTo(expected);
		}

	}

	private PasswordHashing hashing(int permits, Duration maxWait) {
		return new PasswordHashing(this.encoder, permits, maxWait, this.meters);
	}

	/** Starts a sign-up hash of "first" and waits until it holds its permit. */
	private Future<String> hashInBackground(Function<String, String> hash) {
		int before = this.encoder.inProgress.get();
		Future<String> future = this.threads.submit(() -> hash.apply("first"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.encoder.inProgress.get() > before);
		return future;
	}

	private double rejected(String operation) {
		return this.meters.get("users.password.hashing.rejected").tag("operation", operation).counter().count();
	}

	private double active(String operation) {
		return this.meters.get("users.password.hashing.active").tag("operation", operation).gauge().value();
	}

	/**
	 * "Hashes" to {@code hash:<raw>}, holding every caller until {@link #open()} while
	 * closed.
	 */
	private static final class GatedEncoder implements PasswordEncoder {

		private volatile CountDownLatch gate = new CountDownLatch(1);

		final AtomicInteger inProgress = new AtomicInteger();

		final AtomicInteger maxInProgress = new AtomicInteger();

		final AtomicReference<RuntimeException> failing = new AtomicReference<>();

		void open() {
			this.gate.countDown();
		}

		void close() {
			this.gate = new CountDownLatch(1);
		}

		@Override
		public String encode(CharSequence rawPassword) {
			return work(() -> "hash:" + rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return work(() -> ("hash:" + rawPassword).equals(encodedPassword));
		}

		private <T> T work(Supplier<T> result) {
			int now = this.inProgress.incrementAndGet();
			this.maxInProgress.accumulateAndGet(now, Math::max);
			try {
				RuntimeException failure = this.failing.get();
				if (failure != null) {
					throw failure;
				}
				if (!this.gate.await(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("The test never opened the gate");
				}
				return result.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			finally {
				this.inProgress.decrementAndGet();
			}
		}

	}

}
