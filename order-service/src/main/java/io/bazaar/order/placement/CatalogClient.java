package io.bazaar.order.placement;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.util.Optional;
import java.util.UUID;

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
 * Looks products up in catalog-service ({@code GET /api/products/{id}}) through discovery
 * and the load balancer, with a connect and read timeout per call and a circuit breaker:
 * when the catalog keeps failing, calls are refused at once for a while instead of piling
 * up behind timeouts.
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
	 * @return the product, or empty when the catalog has no such product
	 * @throws CatalogUnavailableException when the catalog cannot answer
	 */
	Optional<CatalogProduct> find(UUID productId) {
		try {
			return this.circuitBreaker.executeSupplier(() -> fetch(productId));
		}
		catch (CallNotPermittedException ex) {
			throw new CatalogUnavailableException("The catalog circuit is open", ex);
		}
		catch (RuntimeException ex) {
			throw new CatalogUnavailableException("The catalog did not answer for product " + productId, ex);
		}
	}

	/**
	 * Asks one instance, and another when the first refuses the connection: an instance
	 * that has just gone away stays listed until discovery's health check notices, and
	 * the load balancer's next pick is another instance. A refused connection never
	 * reached the catalog, so asking again is safe and costs no waiting.
	 */
	private Optional<CatalogProduct> fetch(UUID productId) {
		try {
			return fetchFromOneInstance(productId);
		}
		catch (ResourceAccessException ex) {
			if (!(ex.getCause() instanceof ConnectException)) {
				throw ex;
			}
			return fetchFromOneInstance(productId);
		}
	}

	private Optional<CatalogProduct> fetchFromOneInstance(UUID productId) {
		return this.client.get()
			.uri("/api/products/{id}", productId)
			.accept(MediaType.APPLICATION_JSON)
			.exchange((request, response) -> {
				if (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
					return Optional.empty();
				}
				if (!response.getStatusCode().is2xxSuccessful()) {
					throw new IllegalStateException("The catalog answered " + response.getStatusCode());
				}
				return Optional.of(checked(productId, response.bodyTo(CatalogProduct.class)));
			});
	}

	private static CatalogProduct checked(UUID productId, CatalogProduct product) {
		if (product == null || !productId.equals(product.id()) || product.sku() == null || product.name() == null
				|| product.price() == null || product.price().amount() == null) {
			throw new IllegalStateException("The catalog answered an incomplete product for " + productId);
		}
		new Money(product.price().amount(), product.price().currency());
		return product;
	}

}
