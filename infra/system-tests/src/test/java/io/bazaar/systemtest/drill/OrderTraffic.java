package io.bazaar.systemtest.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.bazaar.systemtest.drill.PlacedOrder.FailedAttempt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customers placing one-unit orders through the gateway at a fixed arrival rate (an open
 * model: a slow platform does not slow the arrivals down). Each client behaves as a
 * careful one would: it sends an {@code Idempotency-Key}, and after an answer that says
 * "try again" (429, 502, 503, 504, or none at all) it tries again with the same key,
 * backing off and honouring {@code Retry-After}, until it gives up.
 */
public final class OrderTraffic implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

	private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(4);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private final ExecutorService clients = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "order-client");
		thread.setDaemon(true);
		return thread;
	});

	private final String gateway;

	private final List<Customer> customers;

	private final List<UUID> products;

	private final Duration giveUpAfter;

	private final List<Future<PlacedOrder>> orders = new ArrayList<>();

	private Thread arrivals;

	public OrderTraffic(String gateway, List<Customer> customers, List<UUID> products, Duration giveUpAfter) {
		this.gateway = gateway;
		this.customers = customers;
		this.products = products;
		this.giveUpAfter = giveUpAfter;
	}

	/** Starts sending {@code perSecond} orders a second for {@code duration}. */
	public OrderTraffic start(double perSecond, Duration duration) {
		long count = Math.round(perSecond * duration.toMillis() / 1000.0);
		long intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
		this.arrivals = new Thread(() -> {
			long first = System.nanoTime();
			for (long i = 0; i < count; i++) {
				long due = first + i * intervalNanos;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					try {
						TimeUnit.NANOSECONDS.sleep(wait);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
				Customer customer = this.customers.get((int) (i % this.customers.size()));
				UUID product = this.products.get(ThreadLocalRandom.current().nextInt(this.products.size()));
				synchronized (this.orders) {
					this.orders.add(this.clients.submit(() -> place(customer, product)));
				}
			}
		}, "order-arrivals");
		this.arrivals.setDaemon(true);
		this.arrivals.start();
		return this;
	}

	/** Waits until every order has been sent and has ended, accepted or given up. */
	public List<PlacedOrder> awaitAll() throws Exception {
		this.arrivals.join();
		List<PlacedOrder> placed = new ArrayList<>();
		synchronized (this.orders) {
			for (Future<PlacedOrder> order : this.orders) {
				placed.add(order.get(this.giveUpAfter.toSeconds() + 60, TimeUnit.SECONDS));
			}
		}
		return placed;
	}

	@Override
	public void close() {
		if (this.arrivals != null) {
			this.arrivals.interrupt();
		}
		this.clients.shutdownNow();
	}

	private PlacedOrder place(Customer customer, UUID product) throws InterruptedException {
		String key = UUID.randomUUID().toString();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.gateway + "/api/orders"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + customer.token())
			.header("Idempotency-Key", key)
			.timeout(Duration.ofSeconds(15))
			.POST(BodyPublishers.ofString("{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}"))
			.build();
		Instant giveUp = Instant.now().plus(this.giveUpAfter);
		Duration backoff = FIRST_BACKOFF;
		List<FailedAttempt> errors = new ArrayList<>();
		while (true) {
			Duration retryAfter = backoff;
			try {
				HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
				if (response.statusCode() == 201) {
					UUID orderId = UUID.fromString(json.readTree(response.body()).path("id").asString());
					return new PlacedOrder(key, customer, product, orderId, List.copyOf(errors));
				}
				errors.add(failure(response));
				retryAfter = response.headers()
					.firstValue("Retry-After")
					.filter((value) -> value.matches("\\d+"))
					.map((value) -> Duration.ofSeconds(Math.min(Long.parseLong(value), 5)))
					.orElse(backoff);
			}
			catch (IOException ex) {
				errors.add(new FailedAttempt(0, false, ex.getClass().getSimpleName() + ": " + ex.getMessage()));
			}
			FailedAttempt last = errors.get(errors.size() - 1);
			if (!last.retryable() || Instant.now().plus(retryAfter).isAfter(giveUp)) {
				return new PlacedOrder(key, customer, product, null, List.copyOf(errors));
			}
			Thread.sleep(retryAfter.toMillis());
			backoff = (backoff.compareTo(LONGEST_BACKOFF) < 0) ? backoff.multipliedBy(2) : LONGEST_BACKOFF;
		}
	}

	private static FailedAttempt failure(HttpResponse<String> response) {
		boolean problem = response.headers()
			.firstValue("Content-Type")
			.map((type) -> type.startsWith("application/problem+json"))
			.orElse(false);
		String type = "";
		if (problem) {
			JsonNode body = json.readTree(response.body());
			type = body.path("type").asString("");
		}
		return new FailedAttempt(response.statusCode(), problem, type);
	}

}
