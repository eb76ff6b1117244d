package io.bazaar.order.web;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
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
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error the order service answers, as {@code application/problem+json} with a
 * stable {@code type}; invalid input lists the offending fields in {@code errors}.
 * Unexpected failures are logged (the log line carries the trace id) and answered with a
 * generic 500 that reveals nothing of the cause.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAdvice.class);

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
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "value";
		return badRequest(ex, List.of(new FieldError(name, "must be a valid " + expected)), headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		List<FieldError> errors = new ArrayList<>();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			errors.add(new FieldError(path(unknown), "is not a known field"));
		}
		else if (cause instanceof StreamReadException && !(cause instanceof InputCoercionException)) {
			// not JSON at all: reported as malformed below
		}
		else if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			errors.add(new FieldError(path(jackson), "has the wrong type or is out of range"));
		}
		if (!errors.isEmpty()) {
			return badRequest(ex, errors, headers, request);
		}
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
				"The request body is missing or is not valid JSON.");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (ex instanceof InvalidApiVersionException || ex instanceof MissingApiVersionException) {
			ProblemDetail problem = Problems.withErrors(HttpStatus.BAD_REQUEST, "unsupported-api-version",
					"Unsupported API version", "This API supports version 1 (header API-Version).",
					List.of(new FieldError("API-Version", "must be 1")));
			return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
		}
		return super.handleErrorResponseException(ex, headers, status, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected failure serving {}", request.getDescription(false), ex);
		ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The request could not be completed; it has been logged.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	/** Gives Spring's own problems (404, 405, 415...) a stable type. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		Object problem = body;
		if (problem == null && ex instanceof ErrorResponse errorResponse) {
			problem = errorResponse.getBody();
		}
		if (problem instanceof ProblemDetail detail
				&& (detail.getType() == null || "about:blank".equals(detail.getType().toString()))) {
			detail.setType(Problems.forStatus(statusCode.value()));
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private ResponseEntity<Object> badRequest(Exception ex, List<FieldError> errors, HttpHeaders headers,
			WebRequest request) {
		ProblemDetail problem = Problems.withErrors(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"The request has invalid fields: "
						+ errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ")) + ".",
				errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static List<FieldError> fieldErrors(Errors result) {
		List<FieldError> errors = new ArrayList<>();
		result.getFieldErrors().forEach((error) -> errors.add(new FieldError(error.getField(), message(error))));
		result.getGlobalErrors().forEach((error) -> errors.add(new FieldError(error.getObjectName(), message(error))));
		return errors;
	}

	private static String parameterName(String name, Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			if (annotation instanceof RequestHeader header && !header.value().isEmpty()) {
				return header.value();
			}
		}
		return name;
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

}
