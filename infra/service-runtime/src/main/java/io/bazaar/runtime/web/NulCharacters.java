package io.bazaar.runtime.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import io.bazaar.runtime.validation.FieldError;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * NUL ({@code U+0000}) in text a client sends: PostgreSQL refuses it in every text
 * column, so text carrying it would fail deep in a request as a 500. It is refused at the
 * edge instead, as a validation problem naming where it was found: in a JSON body
 * ({@link NulRejectingStringDeserializer}) or a query parameter
 * ({@link NulInRequestFilter}). Tomcat refuses NUL in the path or a header itself
 * ({@link ProblemErrorReportValve}).
 */
final class NulCharacters {

	static final String MESSAGE = "must not contain NUL characters";

	private static final URI VALIDATION = ProblemTypes.of("validation");

	private NulCharacters() {
	}

	static boolean in(String text) {
		return text != null && text.indexOf('\0') >= 0;
	}

	/**
	 * The problem every service answers for invalid input ({@code validation}, listing
	 * the fields in {@code errors}), for fields that carry a NUL.
	 */
	static ProblemDetail problem(List<String> fields) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has invalid fields: " + String.join(", ", fields) + ".");
		problem.setType(VALIDATION);
		problem.setTitle("Invalid request");
		problem.setProperty("errors",
				fields.stream().map((field) -> new FieldError(field, MESSAGE)).collect(Collectors.toList()));
		return problem;
	}

	/**
	 * An entry of a problem's {@code errors}.
	 *
	 * @param field the body field (a JSON path), parameter or header
	 * @param message what is wrong with it
	 */
	record FieldError(String field, String message) {

	}

}
