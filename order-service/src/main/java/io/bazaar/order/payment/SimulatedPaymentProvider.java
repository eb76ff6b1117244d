package io.bazaar.order.payment;

import java.time.Duration;
import java.util.UUID;

import io.bazaar.order.config.OrdersProperties;
import io.bazaar.order.ordering.Money;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A stand-in for an external payment provider, with configurable latency, decline rate
 * and transient failure rate (see {@link SimulatedOutcomes}). Like a real provider it
 * keeps its own ledger outside the service, here in Redis: its answers are idempotent per
 * order across every worker of every instance, and it counts the calls it received per
 * order.
 */
@Component
class SimulatedPaymentProvider implements PaymentProvider {

	private static final String PREFIX = "payment-sim:";

	private static final Duration LEDGER_TTL = Duration.ofDays(7);

	private final StringRedisTemplate redis;

	private final SimulatedOutcomes outcomes;

	private final Duration latency;

	private final Duration timeout;

	SimulatedPaymentProvider(StringRedisTemplate redis, OrdersProperties properties) {
		OrdersProperties.Payment payment = properties.payment();
		this.redis = redis;
		this.outcomes = new SimulatedOutcomes(payment.declineRate(), payment.transientFailureRate(), payment.seed());
		this.latency = payment.latency();
		this.timeout = payment.timeout();
	}

	@Override
	public Authorisation authorise(UUID orderId, Money amount) {
		long attempt = this.redis.opsForValue().increment(PREFIX + "calls:" + orderId);
		this.redis.expire(PREFIX + "calls:" + orderId, LEDGER_TTL);
		respondAfterLatency();
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

	private void respondAfterLatency() {
		boolean timesOut = this.latency.compareTo(this.timeout) > 0;
		try {
			Thread.sleep((timesOut ? this.timeout : this.latency).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientPaymentException("Interrupted while waiting for the payment provider");
		}
		if (timesOut) {
			throw new TransientPaymentException("The payment provider did not answer within " + this.timeout);
		}
	}

	private static Authorisation parse(String stored) {
		int colon = stored.indexOf(':');
		return new Authorisation(stored.startsWith("AUTHORISED:"), stored.substring(colon + 1));
	}

}
