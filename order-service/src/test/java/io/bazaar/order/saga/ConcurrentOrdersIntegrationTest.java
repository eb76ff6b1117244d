package io.bazaar.order.saga;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.bazaar.order.support.OrderApi;
import io.bazaar.order.support.OrderApi.Response;
import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Many customers race for the last units: exactly as many win as there are units. */
class ConcurrentOrdersIntegrationTest extends OrderServiceIntegrationTestBase {

	private static final int ORDERS = 200;

	private static final int UNITS = 20;

	@Test
	void twoHundredConcurrentOrdersForTwentyUnitsConfirmExactlyTwenty() throws Exception {
		UUID product = product("5.00", UNITS);
		ExecutorService customers = Executors.newFixedThreadPool(50);
		List<UUID> orderIds = new ArrayList<>();
		try {
			List<Future<Response>> placed = new ArrayList<>();
			for (int i = 0; i < ORDERS; i++) {
				String token = customerToken(UUID.randomUUID());
				placed.add(customers.submit(() -> this.api.place(token, OrderApi.order(product, 1))));
			}
			for (Future<Response> response : placed) {
				assertThat(response.get().status()).isEqualTo(201);
				orderIds.add(response.get().id());
			}
		}
		finally {
			customers.shutdown();
		}
		assertThat(orderIds).doesNotHaveDuplicates().hasSize(ORDERS);

		eventually().until(() -> finalOrders(orderIds) == ORDERS);

		Map<String, Long> outcomes = orderIds.stream()
			.collect(Collectors.groupingBy((id) -> status(id) + "/" + cancelReasonOrNone(id), Collectors.counting()));
		assertThat(outcomes).containsOnly(Map.entry("CONFIRMED/none", (long) UNITS),
				Map.entry("CANCELLED/insufficient-stock", (long) (ORDERS - UNITS)));
		eventually().until(() -> platform.inventory().sold(product) == UNITS);
		assertThat(platform.inventory().available(product)).isZero();
		assertThat(platform.inventory().lowestAvailable()).isNotNegative();
		assertThat(platform.inventory().violations()).isEmpty();
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM outbox_event WHERE event_type = 'OrderConfirmed' AND aggregate_id = ANY(?)",
				Integer.class, (Object) ids(orderIds)))
			.isEqualTo(UNITS);
	}

	private int finalOrders(List<UUID> orderIds) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM customer_order WHERE status IN ('CONFIRMED', 'CANCELLED') AND id::text = ANY(?)",
				Integer.class, (Object) ids(orderIds));
	}

	private String cancelReasonOrNone(UUID orderId) {
		String reason = cancelReason(orderId);
		return (reason != null) ? reason : "none";
	}

	private static String[] ids(List<UUID> orderIds) {
		return orderIds.stream().map(UUID::toString).toArray(String[]::new);
	}

}
