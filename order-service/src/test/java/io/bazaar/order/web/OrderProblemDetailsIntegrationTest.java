package io.bazaar.order.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.order.support.OrderServiceIntegrationTestBase;
import io.bazaar.testsupport.problem.ProblemDetailsContract;
import io.bazaar.testsupport.problem.ProblemProbes;

class OrderProblemDetailsIntegrationTest extends OrderServiceIntegrationTestBase implements ProblemDetailsContract {

	@Override
	public ProblemProbes problemProbes() {
		return new ProblemProbes(URI.create("http://localhost:" + this.port), customerToken(UUID.randomUUID()),
				"/api/orders", "/api/orders/" + UUID.randomUUID(),
				new ProblemProbes.Write("POST", "/api/orders", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
						"{\"items\":[{\"productId\":null,\"quantity\":0}]}",
						List.of("items[0].productId", "items[0].quantity")));
	}

}
