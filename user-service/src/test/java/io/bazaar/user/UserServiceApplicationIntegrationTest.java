package io.bazaar.user;

import io.bazaar.testsupport.foundation.DataServiceFoundationContract;

class UserServiceApplicationIntegrationTest extends DataServiceFoundationContract {

}
