package io.bazaar.benchmarks;

import java.util.List;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * Helpers shared by the simulations.
 */
final class Populations {

	private Populations() {
	}

	/** The populations one after the other, in the order given. */
	static PopulationBuilder inSequence(List<PopulationBuilder> populations) {
		PopulationBuilder chain = populations.get(populations.size() - 1);
		for (int i = populations.size() - 2; i >= 0; i--) {
			chain = populations.get(i).andThen(chain);
		}
		return chain;
	}

	/**
	 * One connection pool for all virtual users, as a browser population behind a proxy
	 * or a client service would keep; no warm-up request to an outside address.
	 */
	static HttpProtocolBuilder protocol(String baseUrl) {
		return http.baseUrl(baseUrl)
			.acceptHeader("application/json")
			.userAgentHeader("bazaar-benchmarks")
			.shareConnections()
			.disableWarmUp();
	}

}
