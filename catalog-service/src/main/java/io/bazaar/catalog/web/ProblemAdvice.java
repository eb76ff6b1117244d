package io.bazaar.catalog.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.BindingResult;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.ErrorResponse;
import org.springframework.web.accept.InvalidApiVersionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.beans.TypeMismatchException;

/**
 * Every error the catalog answers, as {@code application/problem+json} with a stable
 * {@code type}. Validation problems list the offending fields in {@code errors}.
 * Unexpected failures are logged (with the trace id the log line carries) and answered
 * with a generic 500 that reveals nothing of the cause.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAdvice.class);

	static ProblemDetail validationProblem(List<FieldError> errors) {
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"The request has invalid fields: "
						+ errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ")) + ".");
		problem.setProperty("errors", errors);
		return problem;
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
				String name = result.getMethodParameter().getParameterName();
				result.getResolvableErrors().forEach((error) -> errors.add(new FieldError(name, message(error))));
			}
		});
		return badRequest(ex, errors, headers, request);
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
		else if (cause instanceof InvalidFormatException invalid) {
			errors.add(new FieldError(path(invalid), "has the wrong format"));
		}
		else if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
			errors.add(new FieldError(path(mismatched), "has the wrong type"));
		}
		if (!errors.isEmpty()) {
			return badRequest(ex, errors, headers, request);
		}
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
				"The request body is missing or is not valid JSON.");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected failure serving {}", request.getDescription(false), ex);
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
				"Internal error", "The request could not be completed; it has been logged.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	/** Gives Spring's own problems (404, 405, 415, bad API version...) a stable type. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		Object problem = body;
		if (problem == null && ex instanceof ErrorResponse errorResponse) {
			problem = errorResponse.getBody();
		}
		if (problem instanceof ProblemDetail detail
				&& (detail.getType() == null || "about:blank".equals(detail.getType().toString()))) {
			detail.setType((ex instanceof InvalidApiVersionException) ? ProblemTypes.of("unsupported-api-version")
					: ProblemTypes.forStatus(statusCode.value()));
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private ResponseEntity<Object> badRequest(Exception ex, List<FieldError> errors, HttpHeaders headers,
			WebRequest request) {
		return handleExceptionInternal(ex, validationProblem(errors), headers, HttpStatus.BAD_REQUEST, request);
	}

	private static List<FieldError> fieldErrors(org.springframework.validation.Errors result) {
		List<FieldError> errors = new ArrayList<>();
		result.getFieldErrors()
			.forEach((error) -> errors.add(new FieldError(error.getField(),
					error.isBindingFailure() ? "has an invalid value" : message(error))));
		result.getGlobalErrors().forEach((error) -> errors.add(new FieldError(error.getObjectName(), message(error))));
		return errors;
	}

	private static List<FieldError> fieldErrors(BindingResult result) {
		return fieldErrors((org.springframework.validation.Errors) result);
	}

	private static String message(MessageSourceResolvable error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	private static String path(DatabindException ex) {
		return ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

}
