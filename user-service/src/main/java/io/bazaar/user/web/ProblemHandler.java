package io.bazaar.user.web;

import java.util.List;

import io.bazaar.runtime.validation.FieldError;
import io.bazaar.runtime.web.PlatformProblemAdvice;
import io.bazaar.runtime.web.ProblemTypes;
import io.bazaar.user.account.AccountNotFoundException;
import io.bazaar.user.account.EmailAlreadyRegisteredException;
import io.bazaar.user.auth.InvalidCredentialsException;
import io.bazaar.user.auth.InvalidRefreshTokenException;
import io.bazaar.user.password.PasswordHashingBusyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Every error of the service as an RFC 9457 problem ({@code application/problem+json}):
 * the platform's problems ({@link PlatformProblemAdvice}) and those of accounts and
 * sign-in. Nothing a client sent is echoed back.
 */
@RestControllerAdvice
class ProblemHandler extends PlatformProblemAdvice {

	@ExceptionHandler(EmailAlreadyRegisteredException.class)
	ResponseEntity<Object> emailTaken(EmailAlreadyRegisteredException ex, WebRequest request) {
		return respond(ex,
				ProblemTypes.withErrors(HttpStatus.CONFLICT, "email-already-registered", "Email already registered",
						ex.getMessage(), List.of(new FieldError("email", "is already registered"))),
				new HttpHeaders(), request);
	}

	@ExceptionHandler(InvalidCredentialsException.class)
	ResponseEntity<Object> invalidCredentials(InvalidCredentialsException ex, WebRequest request) {
		return respond(ex, ProblemTypes.problem(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
				ex.getMessage()), new HttpHeaders(), request);
	}

	@ExceptionHandler(InvalidRefreshTokenException.class)
	ResponseEntity<Object> invalidRefreshToken(InvalidRefreshTokenException ex, WebRequest request) {
		return respond(ex, ProblemTypes.problem(HttpStatus.UNAUTHORIZED, "invalid-refresh-token",
				"Invalid refresh token", ex.getMessage()), new HttpHeaders(), request);
	}

	@ExceptionHandler(AccountNotFoundException.class)
	ResponseEntity<Object> accountNotFound(AccountNotFoundException ex, WebRequest request) {
		return respond(ex, ProblemTypes.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such account."),
				new HttpHeaders(), request);
	}

	/**
	 * Load shedding, not a fault: the request was fine and is likely to succeed when
	 * retried after {@code Retry-After} (whole seconds, at least one).
	 */
	@ExceptionHandler(PasswordHashingBusyException.class)
	ResponseEntity<Object> passwordHashingBusy(PasswordHashingBusyException ex, WebRequest request) {
		long retryAfter = Math.max(1, ex.retryAfter().plusMillis(999).toSeconds());
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE, "service-busy", "Service busy",
				"The service is busy; retry after " + retryAfter + " s.");
		problem.setProperty("retryAfterSeconds", retryAfter);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		return respond(ex, problem, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyTooLargeException tooLarge = cause(ex, RequestBodyTooLargeException.class);
		if (tooLarge != null) {
			return respond(ex,
					ProblemTypes.problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large",
							"The request body must not be larger than " + tooLarge.limit() + " bytes."),
					headers, request);
		}
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
	}

}
