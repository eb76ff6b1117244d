package io.bazaar.benchmarks;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * {@code POST /api/orders} as the simulations place orders: signed in as the accounts in
 * turn, one line of a product picked at random, an {@code Idempotency-Key} each. The new
 * order's id is saved as {@code orderId}, the response time as
 * {@link Measurements#RESPONSE_TIME}.
 */
final class OrderPlacing {

	private final List<String> productIds;

	private final List<String> accessTokens;

	private final AtomicLong orderCount = new AtomicLong();

	OrderPlacing(List<String> productIds, List<String> accessTokens) {
		this.productIds = productIds;
		this.accessTokens = accessTokens;
	}

	ChainBuilder placeOrder(String label) {
		return exec(this::newOrder).exec(http(label).post("/api/orders")
			.header("Authorization", "Bearer #{accessToken}")
			.header("Idempotency-Key", "#{idempotencyKey}")
			.body(StringBody("{\"items\":[{\"productId\":\"#{productId}\",\"quantity\":1}]}"))
			.asJson()
			.check(status().is(201), jsonPath("$.id").saveAs("orderId"),
					responseTimeInMillis().saveAs(Measurements.RESPONSE_TIME)));
	}

	private Session newOrder(Session session) {
		int user = (int) (this.orderCount.getAndIncrement() % this.accessTokens.size());
		return session.set("accessToken", this.accessTokens.get(user))
			.set("idempotencyKey", UUID.randomUUID().toString())
			.set("productId", this.productIds.get(ThreadLocalRandom.current().nextInt(this.productIds.size())));
	}

}
