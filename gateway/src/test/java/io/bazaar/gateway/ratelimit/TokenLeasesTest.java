package io.bazaar.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.bazaar.gateway.config.GatewayProperties.RateLimitPolicy;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Leases taken from a bucket that stands in for Redis: a renewal that never ends holds no
 * request beyond {@link TokenLeases#RENEWAL_WAIT}, and the bucket's next request starts
 * another.
 */
class TokenLeasesTest {

	private static final RateLimitPolicy POLICY = new RateLimitPolicy(100, 100, Duration.ofSeconds(1), false);

	private final AtomicInteger calls = new AtomicInteger();

	/** Never answers the first call; grants ten tokens on every later one. */
	private final TokenBucket bucket = new TokenBucket(null, null) {
		@Override
		Mono<Grant> take(String key, RateLimitPolicy policy, int wanted) {
			if (TokenLeasesTest.this.calls.incrementAndGet() == 1) {
				return Mono.never();
			}
			return Mono.just(new Grant(wanted, 90, Duration.ZERO, Duration.ofSeconds(1)));
		}
	};

	private final TokenLeases leases = new TokenLeases(this.bucket);

	@Test
	void aRenewalThatNeverEndsIsGivenUpAndTheNextRequestRenewsAgain() {
		long started = System.nanoTime();
		assertThatThrownBy(() -> this.leases.take("user:1", POLICY).block(Duration.ofSeconds(5)))
			.hasCauseInstanceOf(TimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

		TokenLeases.Decision next = this.leases.take("user:1", POLICY).block(Duration.ofSeconds(5));

		assertThat(next.allowed()).isTrue();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void requestsWaitingOnTheSameRenewalAreAllReleased() {
		Mono<TokenLeases.Decision> first = this.leases.take("user:2", POLICY);
		Mono<TokenLeases.Decision> second = this.leases.take("user:2", POLICY);

		assertThatThrownBy(() -> first.block(Duration.ofSeconds(5))).hasCauseInstanceOf(TimeoutException.class);
		assertThatThrownBy(() -> second.block(Duration.ofSeconds(5))).hasCauseInstanceOf(TimeoutException.class);
		assertThat(this.leases.take("user:2", POLICY).block(Duration.ofSeconds(5)).allowed()).isTrue();
	}

}
