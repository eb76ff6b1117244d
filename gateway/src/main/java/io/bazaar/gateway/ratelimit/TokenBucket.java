package io.bazaar.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.bazaar.gateway.config.GatewayProperties.RateLimitPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token buckets in Redis, shared by every gateway instance: one atomic script call takes
 * as many tokens as are wanted and left. {@link TokenLeases} calls it for a few tokens at
 * a time.
 * <p>
 * Opening the first Redis connection blocks, so it is opened off the event loops once the
 * application is ready (and retried until Redis answers); until then every call fails
 * fast, which the rate limiter treats as Redis being unavailable.
 */
@Component
class TokenBucket implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(TokenBucket.class);

	private static final Duration REDIS_TIMEOUT = Duration.ofMillis(250);

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveRedisConnectionFactory connections;

	private final RedisScript<List<Long>> script = RedisScript.of(loadScript(), castList());

	private final AtomicBoolean connected = new AtomicBoolean();

	private volatile Disposable connecting;

	TokenBucket(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections) {
		this.redis = redis;
		this.connections = connections;
	}

	@EventListener(ApplicationReadyEvent.class)
	void connect() {
		this.connecting = Mono.fromRunnable(() -> this.connections.getReactiveConnection().closeLater().block())
			.subscribeOn(Schedulers.boundedElastic())
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(15)))
			.subscribe(null, (ex) -> logger.warn("Gave up connecting to Redis", ex), () -> {
				this.connected.set(true);
				logger.info("Rate limiter connected to Redis");
			});
	}

	/**
	 * Takes up to {@code wanted} tokens from the bucket {@code key}, which refills as
	 * {@code policy} says.
	 */
	Mono<Grant> take(String key, RateLimitPolicy policy, int wanted) {
		if (!this.connected.get()) {
			return Mono.error(new IllegalStateException("Redis connection not established yet"));
		}
		List<String> args = List.of(Integer.toString(policy.capacity()), Integer.toString(policy.refillTokens()),
				Long.toString(policy.refillPeriod().toMillis()), Integer.toString(wanted));
		return this.redis.execute(this.script, List.of(key), args)
			.next()
			.timeout(REDIS_TIMEOUT)
			.map((result) -> new Grant(result.get(0).intValue(), result.get(1), Duration.ofMillis(result.get(2)),
					Duration.ofMillis(result.get(3))));
	}

	@Override
	public void destroy() {
		Disposable pending = this.connecting;
		if (pending != null) {
			pending.dispose();
		}
	}

	private static String loadScript() {
		try {
			return new ClassPathResource("ratelimit/token-bucket.lua").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Class<List<Long>> castList() {
		return (Class<List<Long>>) (Class<?>) List.class;
	}

	/**
	 * @param granted tokens taken (zero when the bucket had none)
	 * @param left whole tokens left in the bucket
	 * @param untilNext how long until a token is available (zero when granted)
	 * @param untilFull how long until the bucket is full again
	 */
	record Grant(int granted, long left, Duration untilNext, Duration untilFull) {

	}

}
