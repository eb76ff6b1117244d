package io.bazaar.order.placement;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.bazaar.order.config.OrdersProperties;
import io.bazaar.order.ordering.Money;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Looks the products of an order up in catalog-service, all in one call
 * ({@code GET /api/products?ids=...}, answered from the catalog's database, never from a
 * cache), through discovery and the load balancer, with a connect and read timeout per
 * call and a circuit breaker: when the catalog keeps failing, calls are refused at once
 * for a while instead of piling up behind timeouts.
 * <p>
 * The calls go through Apache HttpClient's blocking client, on the caller's thread. The
 * JDK's {@code HttpClient} hands every call between its selector thread and executors,
 * and Spring's adapter for it made an exception on each response's close: together a
 * tenth of what order-service spent per order (infra/benchmarks/RESULTS.md, run 16).
 */
@Component
class CatalogClient implements DisposableBean {

	static final String CIRCUIT_BREAKER = "catalog";

	private final CloseableHttpClient http;

	private final RestClient client;

	private final CircuitBreaker circuitBreaker;

	CatalogClient(RestClient.Builder builder, LoadBalancerClient loadBalancer, CircuitBreakerRegistry circuitBreakers,
			OrdersProperties properties) {
		OrdersProperties.Catalog catalog = properties.catalog();
		this.http = httpClient(catalog);
		this.client = builder.baseUrl(catalog.baseUri().toString())
			.requestFactory(new HttpComponentsClientHttpRequestFactory(this.http))
			.requestInterceptor(new LoadBalancerInterceptor(loadBalancer))
			.defaultHeader("API-Version", "1")
			.build();
		this.circuitBreaker = circuitBreakers.circuitBreaker(CIRCUIT_BREAKER);
	}

	/**
	 * Kept-alive connections, up to {@code orders.catalog.max-connections} to each
	 * catalog instance; a call that finds none free waits no longer than it would to
	 * connect. A lookup is a {@code GET}: when it fails on a kept-alive connection the
	 * instance has closed meanwhile (it restarted, say), it is sent once more at once on
	 * a new connection; a time-out is not retried.
	 */
	private static CloseableHttpClient httpClient(OrdersProperties.Catalog catalog) {
		ConnectionConfig connections = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(catalog.connectTimeout()))
			.setSocketTimeout(Timeout.of(catalog.readTimeout()))
			.build();
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultConnectionConfig(connections)
				.setMaxConnPerRoute(catalog.maxConnections())
				.setMaxConnTotal(Integer.MAX_VALUE)
				.build())
			.setDefaultRequestConfig(
					RequestConfig.custom().setConnectionRequestTimeout(Timeout.of(catalog.connectTimeout())).build())
			.setRetryStrategy(new StaleConnectionRetry())
			.disableCookieManagement()
			.build();
	}

	/**
	 * @return the products the catalog knows among {@code productIds}, by id; an id it
	 * does not know is absent
	 * @throws CatalogUnavailableException when the catalog cannot answer
	 */
	Map<UUID, CatalogProduct> findAll(Collection<UUID> productIds) {
		try {
			return this.circuitBreaker.executeSupplier(() -> fetch(productIds));
		}
		catch (CallNotPermittedException ex) {
			throw new CatalogUnavailableException("The catalog circuit is open", ex);
		}
		catch (RuntimeException ex) {
			throw new CatalogUnavailableException("The catalog did not answer for products " + productIds, ex);
		}
	}

	/**
	 * Asks one instance, and another when the first refuses the connection: an instance
	 * that has just gone away stays listed until discovery's health check notices, and
	 * the load balancer's next pick is another instance. A refused connection never
	 * reached the catalog, so asking again is safe and costs no waiting.
	 */
	private Map<UUID, CatalogProduct> fetch(Collection<UUID> productIds) {
		try {
			return fetchFromOneInstance(productIds);
		}
		catch (ResourceAccessException ex) {
			if (!(ex.getCause() instanceof ConnectException)) {
				throw ex;
			}
			return fetchFromOneInstance(productIds);
		}
	}

	private Map<UUID, CatalogProduct> fetchFromOneInstance(Collection<UUID> productIds) {
		String ids = productIds.stream().map(UUID::toString).collect(Collectors.joining(","));
		return this.client.get()
			.uri("/api/products?ids={ids}", ids)
			.accept(MediaType.APPLICATION_JSON)
			.exchange((request, response) -> {
				if (!response.getStatusCode().is2xxSuccessful()) {
					throw new IllegalStateException("The catalog answered " + response.getStatusCode());
				}
				return checked(productIds, response.bodyTo(CatalogProducts.class));
			});
	}

	private static Map<UUID, CatalogProduct> checked(Collection<UUID> productIds, CatalogProducts answer) {
		if (answer == null || answer.items() == null) {
			throw new IllegalStateException("The catalog answered no product list for " + productIds);
		}
		Map<UUID, CatalogProduct> found = new LinkedHashMap<>();
		for (CatalogProduct product : answer.items()) {
			if (product == null || !productIds.contains(product.id()) || product.sku() == null || product.name() == null
					|| product.price() == null || product.price().amount() == null) {
				throw new IllegalStateException(
						"The catalog answered an incomplete or unasked product among " + productIds);
			}
			new Money(product.price().amount(), product.price().currency());
			found.put(product.id(), product);
		}
		return found;
	}

	@Override
	public void destroy() throws IOException {
		this.http.close();
	}

	/**
	 * Sends a request once more, at once, after an I/O failure that is not a time-out or
	 * a refused connection (those are not retried here); never on an answer, such as a
	 * 503 from an overloaded instance.
	 */
	private static final class StaleConnectionRetry extends DefaultHttpRequestRetryStrategy {

		StaleConnectionRetry() {
			super(1, TimeValue.ZERO_MILLISECONDS);
		}

		@Override
		public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
			return false;
		}

	}

	/** The catalog's page of products; only its items matter here. */
	private record CatalogProducts(List<CatalogProduct> items) {

	}

}
