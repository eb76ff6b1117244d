package io.bazaar.notification;

import io.bazaar.testsupport.foundation.DataServiceFoundationContract;

class NotificationServiceApplicationIntegrationTest extends DataServiceFoundationContract {

}
