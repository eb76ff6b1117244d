package io.bazaar.order.placement;

import java.net.ConnectException;
import java.net.http.HttpClient;
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

import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Looks the products of an order up in catalog-service, all in one call
 * ({@code GET /api/products?ids=...}, answered from the catalog's database, never from a
 * cache), through discovery and the load balancer, with a connect and read timeout per
 * call and a circuit breaker: when the catalog keeps failing, calls are refused at once
 * for a while instead of piling up behind timeouts.
 */
@Component
class CatalogClient {

	static final String CIRCUIT_BREAKER = "catalog";

	private final RestClient client;

	private final CircuitBreaker circuitBreaker;

	CatalogClient(RestClient.Builder builder, LoadBalancerClient loadBalancer, CircuitBreakerRegistry circuitBreakers,
			OrdersProperties properties) {
		OrdersProperties.Catalog catalog = properties.catalog();
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(catalog.connectTimeout())
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(catalog.readTimeout());
		this.client = builder.baseUrl(catalog.baseUri().toString())
			.requestFactory(requests)
			.requestInterceptor(new LoadBalancerInterceptor(loadBalancer))
			.defaultHeader("API-Version", "1")
			.build();
		this.circuitBreaker = circuitBreakers.circuitBreaker(CIRCUIT_BREAKER);
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

	/** The catalog's page of products; only its items matter here. */
	private record CatalogProducts(List<CatalogProduct> items) {

	}

}
