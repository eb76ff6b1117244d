package io.bazaar.gateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * BlockHound is installed for every gateway test (blockhound-junit-platform), so any
 * blocking call made on an event loop during the gateway's tests fails the request under
 * test. This proves the guard is really armed.
 */
class EventLoopGuardTest {

	@Test
	void blockingOnANonBlockingThreadIsCaught() {
		Mono<String> blocking = Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		}).subscribeOn(Schedulers.parallel());

		assertThatException().isThrownBy(() -> blocking.block(Duration.ofSeconds(5)))
			.withRootCauseInstanceOf(BlockingOperationError.class);
	}

}
