package io.bazaar.runtime.web;

import java.net.URI;
import java.util.List;

import io.bazaar.runtime.validation.FieldError;
import org.slf4j.MDC;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The stable {@code type} URIs of the platform's problem details, one base for every
 * service and the gateway, and the problems built on them.
 */
public final class ProblemTypes {

	public static final String BASE = "https://bazaar.example/problems/";

	private ProblemTypes() {
	}

	public static URI of(String slug) {
		return URI.create(BASE + slug);
	}

	/** A problem of the given type, title and status. */
	public static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(of(slug));
		problem.setTitle(title);
		return problem;
	}

	/** A problem that names the offending fields in {@code errors}. */
	public static ProblemDetail withErrors(HttpStatusCode status, String slug, String title, String detail,
			List<FieldError> errors) {
		ProblemDetail problem = problem(status, slug, title, detail);
		problem.setProperty("errors", errors);
		return problem;
	}

	/**
	 * Gives a problem raised by Spring itself ({@code about:blank}) a type by its status,
	 * and the request's trace id when it is traced and the problem has none.
	 */
	public static void complete(ProblemDetail problem) {
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(of(slugForStatus(problem.getStatus())));
		}
		String traceId = MDC.get("traceId");
		if (traceId != null && (problem.getProperties() == null || !problem.getProperties().containsKey("traceId"))) {
			problem.setProperty("traceId", traceId);
		}
	}

	/** The slug of a problem that was raised with {@code about:blank}, by its status. */
	public static String slugForStatus(int status) {
		return switch (status) {
			case 400 -> "bad-request";
			case 401 -> "unauthorized";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 409 -> "conflict";
			case 412 -> "precondition-failed";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			case 428 -> "precondition-required";
			case 429 -> "too-many-requests";
			case 503 -> "service-unavailable";
			default -> (status >= 500) ? "internal-error" : "client-error";
		};
	}

}
