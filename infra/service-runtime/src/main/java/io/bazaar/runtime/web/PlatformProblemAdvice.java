package io.bazaar.runtime.web;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.bazaar.runtime.validation.FieldError;
import io.bazaar.runtime.validation.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.Errors;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.accept.InvalidApiVersionException;
import org.springframework.web.accept.MissingApiVersionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What every service answers for what every service meets, as
 * {@code application/problem+json} with a stable {@code type} ({@link ProblemTypes}):
 * invalid input as a {@code validation} problem whose {@code errors} name each field (a
 * JSON path into the body, a query parameter, a path variable or a header), an unreadable
 * body as {@code malformed-request}, an unknown API version as
 * {@code unsupported-api-version}, Spring's own refusals (404, 405, 415...) with a type
 * by status, and an unexpected failure as a generic {@code internal-error} that reveals
 * nothing of its cause (it is logged). Every problem carries the request's
 * {@code traceId} when it has one.
 * <p>
 * Each service's {@code @RestControllerAdvice} extends it with the problems of its own
 * domain.
 */
public abstract class PlatformProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(PlatformProblemAdvice.class);

	/** The validation problem for these fields, sorted by field. */
	public static ProblemDetail validationProblem(List<FieldError> errors) {
		List<FieldError> sorted = errors.stream()
			.sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
			.toList();
		return ProblemTypes.withErrors(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"The request has invalid fields: "
						+ sorted.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ")) + ".",
				sorted);
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Object> handleInvalidInput(InvalidInputException ex, WebRequest request) {
		return badRequest(ex, ex.errors(), new HttpHeaders(), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected failure serving {}", request.getDescription(false), ex);
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
				"Internal error", "The request could not be completed; it has been logged.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return badRequest(ex, fieldErrors(ex.getBindingResult()), headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			if (result instanceof ParameterErrors parameterErrors) {
				errors.addAll(fieldErrors(parameterErrors));
			}
			else {
				String name = parameterName(result.getMethodParameter().getParameterName(),
						result.getMethodParameter().getParameterAnnotations());
				result.getResolvableErrors().forEach((error) -> errors.add(new FieldError(name, message(error))));
			}
		});
		return badRequest(ex, errors, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex instanceof MissingRequestHeaderException missing) {
			return badRequest(ex, List.of(new FieldError(missing.getHeaderName(), "is required")), headers, request);
		}
		return super.handleServletRequestBindingException(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		return badRequest(ex, List.of(new FieldError(name, expected(ex))), headers, request);
	}

	/** What a value of the wrong type should have been, in the words of a client. */
	private static String expected(TypeMismatchException ex) {
		Class<?> required = ex.getRequiredType();
		if (required == null) {
			return "is invalid";
		}
		if (ex instanceof MethodArgumentTypeMismatchException mismatch && Collection.class.isAssignableFrom(required)) {
			Class<?> element = ResolvableType.forMethodParameter(mismatch.getParameter())
				.asCollection()
				.resolveGeneric(0);
			if (element != null) {
				return "must be a comma-separated list of " + element.getSimpleName() + " values";
			}
		}
		return "must be a valid " + required.getSimpleName();
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		UnrecognizedPropertyException unknown = cause(ex, UnrecognizedPropertyException.class);
		if (unknown != null) {
			return badRequest(ex, List.of(new FieldError(path(unknown), "is not a known field")), headers, request);
		}
		MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
		if (mismatch != null && !mismatch.getPath().isEmpty()) {
			Class<?> expected = (mismatch.getTargetType() != null) ? mismatch.getTargetType() : Object.class;
			return badRequest(ex, List
				.of(new FieldError(path(mismatch), "has the wrong type or value; expected " + describe(expected))),
					headers, request);
		}
		JacksonException jackson = cause(ex, JacksonException.class);
		boolean notJson = jackson instanceof StreamReadException && !(jackson instanceof InputCoercionException);
		if (jackson != null && !notJson && !jackson.getPath().isEmpty()) {
			return badRequest(ex, List.of(new FieldError(path(jackson), "has the wrong type or is out of range")),
					headers, request);
		}
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
				"The request body is missing or is not valid JSON.");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (ex instanceof InvalidApiVersionException || ex instanceof MissingApiVersionException) {
			ProblemDetail problem = ProblemTypes.withErrors(HttpStatus.BAD_REQUEST, "unsupported-api-version",
					"Unsupported API version", "This API offers version 1 (header API-Version); omit it for version 1.",
					List.of(new FieldError("API-Version", "must be 1")));
			return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
		}
		return super.handleErrorResponseException(ex, headers, status, request);
	}

	/**
	 * Gives problems raised by Spring itself ({@code about:blank}) a type by status, and
	 * every problem the request's trace id.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		Object problem = body;
		if (problem == null && ex instanceof ErrorResponse errorResponse) {
			problem = errorResponse.getBody();
		}
		if (problem instanceof ProblemDetail detail) {
			ProblemTypes.complete(detail);
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	/**
	 * Answers a problem this advice or a service built, with the platform's additions.
	 */
	protected ResponseEntity<Object> respond(Exception ex, ProblemDetail problem, HttpHeaders headers,
			WebRequest request) {
		return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
	}

	protected ResponseEntity<Object> badRequest(Exception ex, List<FieldError> errors, HttpHeaders headers,
			WebRequest request) {
		return respond(ex, validationProblem(errors), headers, request);
	}

	private static List<FieldError> fieldErrors(Errors result) {
		List<FieldError> errors = new ArrayList<>();
		result.getFieldErrors()
			.forEach((error) -> errors.add(new FieldError(error.getField(),
					error.isBindingFailure() ? "has an invalid value" : message(error))));
		result.getGlobalErrors().forEach((error) -> errors.add(new FieldError(error.getObjectName(), message(error))));
		return errors;
	}

	private static String parameterName(@Nullable String name, Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			if (annotation instanceof RequestHeader header && !header.value().isEmpty()) {
				return header.value();
			}
		}
		return (name != null) ? name : "parameter";
	}

	private static String message(MessageSourceResolvable error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	/** The JSON path of the offending value, e.g. {@code items[2].quantity}. */
	static String path(JacksonException ex) {
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
		return path.isEmpty() ? "body" : path.toString();
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

	protected static <T extends Throwable> @Nullable T cause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
