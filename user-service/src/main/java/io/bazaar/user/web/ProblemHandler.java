package io.bazaar.user.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bazaar.runtime.security.SecurityProblems;
import io.bazaar.user.account.AccountNotFoundException;
import io.bazaar.user.account.EmailAlreadyRegisteredException;
import io.bazaar.user.auth.InvalidCredentialsException;
import io.bazaar.user.auth.InvalidRefreshTokenException;
import io.bazaar.user.password.PasswordHashingBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.accept.InvalidApiVersionException;
import org.springframework.web.accept.MissingApiVersionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the service as an RFC 9457 problem ({@code application/problem+json})
 * with a stable {@code type}. Validation problems list the offending fields in
 * {@code errors}; nothing a client sent is echoed back, and an unexpected error is logged
 * (with its trace id) and answered with a generic 500.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	static final String TYPE_BASE = SecurityProblems.TYPE_BASE;

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private static final Map<Integer, String> TYPES_BY_STATUS = Map.of(400, "bad-request", 401, "unauthorized", 403,
			"forbidden", 404, "not-found", 405, "method-not-allowed", 406, "not-acceptable", 409, "conflict", 413,
			"payload-too-large", 415, "unsupported-media-type", 500, "internal");

	@ExceptionHandler(EmailAlreadyRegisteredException.class)
	ResponseEntity<Object> emailTaken(EmailAlreadyRegisteredException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "email-already-registered", "Email already registered",
				ex.getMessage());
		problem.setProperty("errors", List.of(new FieldProblem("email", "is already registered")));
		return createResponseEntity(problem, null, HttpStatus.CONFLICT, request);
	}

	@ExceptionHandler(InvalidCredentialsException.class)
	ResponseEntity<Object> invalidCredentials(InvalidCredentialsException ex, WebRequest request) {
		return createResponseEntity(
				problem(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials", ex.getMessage()), null,
				HttpStatus.UNAUTHORIZED, request);
	}

	@ExceptionHandler(InvalidRefreshTokenException.class)
	ResponseEntity<Object> invalidRefreshToken(InvalidRefreshTokenException ex, WebRequest request) {
		return createResponseEntity(
				problem(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Invalid refresh token", ex.getMessage()),
				null, HttpStatus.UNAUTHORIZED, request);
	}

	@ExceptionHandler(AccountNotFoundException.class)
	ResponseEntity<Object> accountNotFound(AccountNotFoundException ex, WebRequest request) {
		return createResponseEntity(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such account."), null,
				HttpStatus.NOT_FOUND, request);
	}

	/**
	 * Load shedding, not a fault: the request was fine and is likely to succeed when
	 * retried after {@code Retry-After} (whole seconds, at least one).
	 */
	@ExceptionHandler(PasswordHashingBusyException.class)
	ResponseEntity<Object> passwordHashingBusy(PasswordHashingBusyException ex, WebRequest request) {
		long retryAfter = Math.max(1, ex.retryAfter().plusMillis(999).toSeconds());
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "service-busy", "Service busy",
				"The service is busy; retry after " + retryAfter + " s.");
		problem.setProperty("retryAfterSeconds", retryAfter);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		return createResponseEntity(problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error handling {}", request.getDescription(false), ex);
		ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
				"The request could not be completed. Quote the trace id when reporting this.");
		String traceId = MDC.get("traceId");
		if (traceId != null) {
			problem.setProperty("traceId", traceId);
		}
		return createResponseEntity(problem, null, HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
		return validationProblem(errors, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyTooLargeException tooLarge = cause(ex, RequestBodyTooLargeException.class);
		if (tooLarge != null) {
			ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large",
					"The request body must not be larger than " + tooLarge.limit() + " bytes.");
			return createResponseEntity(problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		UnrecognizedPropertyException unknown = cause(ex, UnrecognizedPropertyException.class);
		if (unknown != null) {
			return validationProblem(List.of(new FieldProblem(path(unknown), "is not a known field")), headers,
					request);
		}
		MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
		if (mismatch != null && !mismatch.getPath().isEmpty()) {
			return validationProblem(
					List.of(new FieldProblem(path(mismatch),
							"has the wrong type; expected " + describe(
									(mismatch.getTargetType() != null) ? mismatch.getTargetType() : Object.class))),
					headers, request);
		}
		String detail = (cause(ex, JacksonException.class) != null) ? "The request body is not well-formed JSON."
				: "A JSON request body is required.";
		return createResponseEntity(problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail),
				headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		Class<?> required = (ex.getRequiredType() != null) ? ex.getRequiredType() : Object.class;
		return validationProblem(List.of(new FieldProblem(name, "has the wrong type; expected " + describe(required))),
				headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (ex instanceof InvalidApiVersionException || ex instanceof MissingApiVersionException) {
			ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unsupported-api-version",
					"Unsupported API version",
					"The API-Version header names a version this API does not offer; " + "omit it for version 1.");
			return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
		}
		return super.handleErrorResponseException(ex, headers, status, request);
	}

	/** Gives problems raised by Spring itself a stable type too. */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
			problem.setType(URI.create(TYPE_BASE + TYPES_BY_STATUS.getOrDefault(status.value(), "error")));
		}
		return super.createResponseEntity(body, headers, status, request);
	}

	private ResponseEntity<Object> validationProblem(List<FieldProblem> errors, HttpHeaders headers,
			WebRequest request) {
		List<FieldProblem> sorted = errors.stream()
			.sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
			.toList();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"The request has " + sorted.size() + " invalid field(s).");
		problem.setProperty("errors", sorted);
		return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + slug));
		problem.setTitle(title);
		return problem;
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String describe(Class<?> type) {
		if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == UUID.class) {
			return "a string";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "a boolean";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "an array";
		}
		return "an object";
	}

	private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
