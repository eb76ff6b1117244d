package io.bazaar.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemErrorHandlerTest {

	@Test
	void anErrorOfAKnownKindIsTakenAsItIs() {
		TimeoutException timeout = new TimeoutException("1000ms");

		assertThat(ProblemErrorHandler.knownCause(timeout)).isSameAs(timeout);
	}

	@Test
	void aTimeOutCarriedAsSuppressedByAFailedCallbackIsStillATimeOut() {
		TimeoutException timeout = new TimeoutException("1000ms");
		IllegalStateException callbackFailure = new IllegalStateException("callback failed");
		callbackFailure.addSuppressed(timeout);

		assertThat(ProblemErrorHandler.knownCause(callbackFailure)).isSameAs(timeout);
	}

	@Test
	void aCheckedErrorWrappedByReactorIsFoundInside() {
		ConnectException refused = new ConnectException("Connection refused");

		assertThat(ProblemErrorHandler.knownCause(Exceptions.propagate(refused))).isSameAs(refused);
	}

	@Test
	void anOuterStatusErrorWinsOverItsCause() {
		ResponseStatusException status = new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "too large",
				new IOException("closed"));

		assertThat(ProblemErrorHandler.knownCause(status)).isSameAs(status);
	}

	@Test
	void anUnknownErrorStaysUnknown() {
		IllegalStateException unknown = new IllegalStateException("bug", new IllegalArgumentException("inner"));

		assertThat(ProblemErrorHandler.knownCause(unknown)).isSameAs(unknown);
	}

	@Test
	void aCauseCycleEnds() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalArgumentException second = new IllegalArgumentException("second", first);
		first.initCause(second);

		assertThat(ProblemErrorHandler.knownCause(first)).isSameAs(first);
	}

}
