package io.bazaar.order;

import io.bazaar.testsupport.foundation.DataServiceFoundationContract;

class OrderServiceApplicationIntegrationTest extends DataServiceFoundationContract {

}
