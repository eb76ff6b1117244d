package io.bazaar.catalog;

import io.bazaar.testsupport.foundation.DataServiceFoundationContract;

class CatalogServiceApplicationIntegrationTest extends DataServiceFoundationContract {

}
