package io.bazaar.testsupport.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What a service offers {@link ProblemDetailsContract} to probe it with.
 *
 * @param base the running service, e.g. {@code http://localhost:8081}
 * @param bearerToken an access token allowed to call {@code write}
 * @param protectedPath a path that answers 401 to a request without a token
 * @param missingResourcePath a path that answers 404 to {@code bearerToken}
 * @param write a request whose body the service validates
 */
public record ProblemProbes(URI base, String bearerToken, String protectedPath, String missingResourcePath,
		Write write) {

	/**
	 * A request with a JSON body that the service validates.
	 *
	 * @param method {@code POST}, {@code PUT} or {@code PATCH}
	 * @param path where it goes
	 * @param headers what else it must carry to be read at all (e.g. an
	 * {@code Idempotency-Key})
	 * @param invalidBody well-formed JSON with invalid fields
	 * @param invalidFields the fields the validation problem must name, sorted
	 */
	public record Write(String method, String path, Map<String, String> headers, String invalidBody,
			List<String> invalidFields) {

	}

}
