package io.bazaar.order;

import io.bazaar.testsupport.architecture.DomainWithoutHttp;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

	@Test
	void domainCodeSpeaksNoHttp() {
		DomainWithoutHttp.of(OrderServiceApplication.class, "placement.CatalogClient").check();
	}

}
