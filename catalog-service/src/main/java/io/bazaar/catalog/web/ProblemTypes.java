package io.bazaar.catalog.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The stable {@code type} URIs of the catalog's problem details, shared with the rest of
 * the platform (the gateway and the security plumbing use the same base).
 */
public final class ProblemTypes {

	private static final String BASE = "https://bazaar.example/problems/";

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

	/** The type for problems that Spring raised with {@code about:blank}. */
	static URI forStatus(int status) {
		return of(switch (status) {
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
			case 503 -> "service-unavailable";
			default -> (status >= 500) ? "internal-error" : "client-error";
		});
	}

}
