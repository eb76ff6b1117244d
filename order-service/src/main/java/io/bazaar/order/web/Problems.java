package io.bazaar.order.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The stable {@code type} URIs of the order service's problem details, under the base the
 * whole platform shares.
 */
public final class Problems {

	private static final String BASE = "https://bazaar.example/problems/";

	private Problems() {
	}

	public static URI type(String slug) {
		return URI.create(BASE + slug);
	}

	/** A problem of the given type, title and status. */
	public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(slug));
		problem.setTitle(title);
		return problem;
	}

	/** A problem that names the offending fields in {@code errors}. */
	public static ProblemDetail withErrors(HttpStatusCode status, String slug, String title, String detail,
			List<FieldError> errors) {
		ProblemDetail problem = of(status, slug, title, detail);
		problem.setProperty("errors", errors);
		return problem;
	}

	/** The type for problems Spring raised with {@code about:blank}. */
	static URI forStatus(int status) {
		return type(switch (status) {
			case 400 -> "bad-request";
			case 401 -> "unauthorized";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 409 -> "conflict";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			case 503 -> "service-unavailable";
			default -> (status >= 500) ? "internal-error" : "client-error";
		});
	}

}
