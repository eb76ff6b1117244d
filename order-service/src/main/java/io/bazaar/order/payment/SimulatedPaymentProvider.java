package io.bazaar.order.payment;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.bazaar.order.config.OrdersProperties;
import io.bazaar.order.ordering.Money;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A stand-in for an external payment provider, with configurable latency, decline rate
 * and transient failure rate (see {@link SimulatedOutcomes}). Like a real provider it
 * keeps its own ledger outside the service, here in Redis: its answers are idempotent per
 * order across every worker of every instance, and it counts the calls it received per
 * order. Its answers arrive after the latency without a thread waiting for them, as a
 * non-blocking client's would.
 */
@Component
class SimulatedPaymentProvider implements PaymentProvider, DisposableBean {

	private static final String PREFIX = "payment-sim:";

	private static final Duration LEDGER_TTL = Duration.ofDays(7);

	private final StringRedisTemplate redis;

	private final SimulatedOutcomes outcomes;

	private final Duration latency;

	private final Duration timeout;

	/** Answers once the simulated latency has passed; nothing waits in the meantime. */
	private final ExecutorService answering = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "payment-provider");
		thread.setDaemon(true);
		return thread;
	});

	SimulatedPaymentProvider(StringRedisTemplate redis, OrdersProperties properties) {
		OrdersProperties.Payment payment = properties.payment();
		this.redis = redis;
		this.outcomes = new SimulatedOutcomes(payment.declineRate(), payment.transientFailureRate(), payment.seed());
		this.latency = payment.latency();
		this.timeout = payment.timeout();
	}

	@Override
	public CompletableFuture<Authorisation> authorise(UUID orderId, Money amount) {
		long attempt = this.redis.opsForValue().increment(PREFIX + "calls:" + orderId);
		this.redis.expire(PREFIX + "calls:" + orderId, LEDGER_TTL);
		boolean timesOut = this.latency.compareTo(this.timeout) > 0;
		Executor afterLatency = CompletableFuture.delayedExecutor((timesOut ? this.timeout : this.latency).toMillis(),
				TimeUnit.MILLISECONDS, this.answering);
		return CompletableFuture.supplyAsync(() -> {
			if (timesOut) {
				throw new TransientPaymentException("The payment provider did not answer within " + this.timeout);
			}
			return answer(orderId, amount, attempt);
		}, afterLatency);
	}

	private Authorisation answer(UUID orderId, Money amount, long attempt) {
		String ledgerKey = PREFIX + "authorisation:" + orderId;
		String earlier = this.redis.opsForValue().get(ledgerKey);
		if (earlier != null) {
			return parse(earlier);
		}
		String answer = switch (this.outcomes.decide(amount.amount(), attempt)) {
			case AUTHORISED -> "AUTHORISED:auth-" + UUID.randomUUID();
			case DECLINED -> "DECLINED:decl-" + UUID.randomUUID();
			case UNAVAILABLE -> throw new TransientPaymentException(
					"The payment provider is unavailable (attempt " + attempt + " for order " + orderId + ")");
		};
		Boolean first = this.redis.opsForValue().setIfAbsent(ledgerKey, answer, LEDGER_TTL);
		return parse(Boolean.TRUE.equals(first) ? answer : this.redis.opsForValue().get(ledgerKey));
	}

	@Override
	public void voidAuthorisation(UUID orderId) {
		String ledgerKey = PREFIX + "authorisation:" + orderId;
		String earlier = this.redis.opsForValue().get(ledgerKey);
		if (earlier != null && earlier.startsWith("AUTHORISED:")) {
			this.redis.opsForValue().set(ledgerKey, "VOIDED:" + earlier.substring("AUTHORISED:".length()), LEDGER_TTL);
		}
	}

	@Override
	public void destroy() {
		this.answering.shutdownNow();
	}

	private static Authorisation parse(String stored) {
		int colon = stored.indexOf(':');
		return new Authorisation(stored.startsWith("AUTHORISED:"), stored.substring(colon + 1));
	}

}
