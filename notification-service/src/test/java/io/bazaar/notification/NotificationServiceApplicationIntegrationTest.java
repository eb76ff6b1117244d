package io.bazaar.notification;

import io.bazaar.runtime.outbox.Outbox;
import io.bazaar.runtime.outbox.OutboxRelay;
import io.bazaar.testsupport.foundation.DataServiceFoundationContract;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationServiceApplicationIntegrationTest extends DataServiceFoundationContract {

	@Autowired
	private ApplicationContext context;

	@Test
	void publishesNoEventsSoHasNoOutboxAndNoRelayPollingForOne() {
		assertThat(this.context.getBeanNamesForType(Outbox.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(OutboxRelay.class)).isEmpty();
	}

}
