package io.bazaar.user;

import io.bazaar.testsupport.architecture.DomainWithoutHttp;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

	@Test
	void domainCodeSpeaksNoHttp() {
		DomainWithoutHttp.of(UserServiceApplication.class).check();
	}

}
