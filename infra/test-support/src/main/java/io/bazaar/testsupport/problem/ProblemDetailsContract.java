package io.bazaar.testsupport.problem;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service answers when a request goes wrong, checked against the running
 * service: {@code application/problem+json} whose {@code type} is one of the platform's
 * shared slugs, whose {@code status} and {@code instance} match the request, and which
 * carries the request's {@code traceId}; invalid input names each field in
 * {@code errors[]} as {@code {field, message}}, sorted by field.
 * <p>
 * A service's integration test implements it beside its other contracts and supplies
 * {@link ProblemProbes}.
 */
public interface ProblemDetailsContract {

	String TYPE_BASE = "https://bazaar.example/problems/";

	/** The requests to probe this service with. */
	ProblemProbes problemProbes();

	@Test
	default void answersARequestWithoutATokenWithAnUnauthorizedProblem() throws Exception {
		ProblemProbes probes = problemProbes();
		HttpResponse<String> response = send(HttpRequest.newBuilder(probes.base().resolve(probes.protectedPath())));

		JsonNode problem = assertProblem(response, 401, "unauthorized", probes.protectedPath());
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		assertThat(problem.path("detail").asString()).isNotBlank();
	}

	@Test
	default void answersInvalidFieldsWithAValidationProblemNamingEachField() throws Exception {
		ProblemProbes.Write write = problemProbes().write();
		HttpResponse<String> response = send(write(write, "application/json", write.invalidBody()));

		JsonNode problem = assertProblem(response, 400, "validation", write.path());
		List<String> fields = problem.path("errors").valueStream().map((error) -> {
			assertThat(error.path("message").asString()).as("the message of " + error).isNotBlank();
			return error.path("field").asString();
		}).toList();
		assertThat(fields).as("errors[].field, sorted").isEqualTo(write.invalidFields());
		assertThat(problem.path("detail").asString()).contains(write.invalidFields());
	}

	@Test
	default void answersABodyThatIsNotJsonWithAMalformedRequestProblem() throws Exception {
		ProblemProbes.Write write = problemProbes().write();
		HttpResponse<String> response = send(write(write, "application/json", "{\"unfinished\": "));

		assertProblem(response, 400, "malformed-request", write.path());
	}

	@Test
	default void answersABodyOfAnotherMediaTypeWithAnUnsupportedMediaTypeProblem() throws Exception {
		ProblemProbes.Write write = problemProbes().write();
		HttpResponse<String> response = send(write(write, "text/plain", "hello"));

		assertProblem(response, 415, "unsupported-media-type", write.path());
	}

	@Test
	default void answersAnUnsupportedMethodWithAMethodNotAllowedProblem() throws Exception {
		ProblemProbes probes = problemProbes();
		String path = probes.write().path();
		HttpResponse<String> response = send(authorized(probes, path).DELETE());

		assertProblem(response, 405, "method-not-allowed", path);
		assertThat(response.headers().firstValue("Allow")).isPresent();
	}

	@Test
	default void answersAnUnknownApiVersionWithAProblemNamingTheHeader() throws Exception {
		ProblemProbes probes = problemProbes();
		HttpResponse<String> response = send(
				authorized(probes, probes.missingResourcePath()).header("API-Version", "99").GET());

		JsonNode problem = assertProblem(response, 400, "unsupported-api-version", probes.missingResourcePath());
		assertThat(problem.path("errors").path(0).path("field").asString()).isEqualTo("API-Version");
	}

	@Test
	default void answersAMissingResourceWithANotFoundProblemOfItsOwnType() throws Exception {
		ProblemProbes probes = problemProbes();
		HttpResponse<String> response = send(authorized(probes, probes.missingResourcePath()).GET());

		JsonNode problem = assertProblem(response, 404, null, probes.missingResourcePath());
		assertThat(problem.path("type").asString()).matches(TYPE_BASE + "([a-z]+-)*not-found");
	}

	private HttpRequest.Builder write(ProblemProbes.Write write, String contentType, String body) {
		HttpRequest.Builder request = authorized(problemProbes(), write.path()).header("Content-Type", contentType)
			.method(write.method(), BodyPublishers.ofString(body));
		write.headers().forEach(request::header);
		return request;
	}

	private static HttpRequest.Builder authorized(ProblemProbes probes, String path) {
		return HttpRequest.newBuilder(probes.base().resolve(path))
			.header("Authorization", "Bearer " + probes.bearerToken());
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HttpClient.newHttpClient()
			.send(request.header("Accept", "application/json").build(), BodyHandlers.ofString());
	}

	/**
	 * Checks the shape every problem shares and returns it.
	 * @param slug the expected type's slug, or {@code null} for a service's own
	 */
	private static JsonNode assertProblem(HttpResponse<String> response, int status, String slug, String path) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as("Content-Type")
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("type").asString()).startsWith(TYPE_BASE);
		if (slug != null) {
			assertThat(problem.path("type").asString()).isEqualTo(TYPE_BASE + slug);
		}
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("instance").asString()).isEqualTo(URI.create(path).getPath());
		assertThat(problem.path("traceId").asString()).as("traceId").matches("[0-9a-f]{32}");
		return problem;
	}

}
