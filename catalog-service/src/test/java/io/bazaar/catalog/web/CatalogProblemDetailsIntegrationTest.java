package io.bazaar.catalog.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.catalog.support.CatalogServiceIntegrationTestBase;
import io.bazaar.testsupport.problem.ProblemDetailsContract;
import io.bazaar.testsupport.problem.ProblemProbes;

class CatalogProblemDetailsIntegrationTest extends CatalogServiceIntegrationTestBase implements ProblemDetailsContract {

	@Override
	public ProblemProbes problemProbes() {
		return new ProblemProbes(URI.create("http://localhost:" + this.port), tokens.admin(),
				"/api/inventory/" + UUID.randomUUID(), "/api/products/" + UUID.randomUUID(),
				new ProblemProbes.Write("POST", "/api/products", Map.of(),
						"{\"sku\":\"lower case\",\"name\":\"\",\"price\":{\"amount\":-1,\"currency\":\"USD\"},"
								+ "\"category\":\"books\"}",
						List.of("name", "price.amount", "sku")));
	}

}
