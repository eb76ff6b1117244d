package io.bazaar.catalog;

import io.bazaar.testsupport.StartupFailureContract;

class StartupFailureIntegrationTest extends StartupFailureContract {

	StartupFailureIntegrationTest() {
		super(CatalogServiceApplication.class, "catalog-service", "CATALOG_DB_PASSWORD");
	}

}
