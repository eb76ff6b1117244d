package io.bazaar.catalog.product;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.bazaar.catalog.support.CatalogServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Tokens are checked against user-service's JWKS (served here by a real HTTP server that
 * simple discovery knows as "user-service"): anything but a valid, unexpired token of the
 * right issuer signed by a published key is refused with 401.
 */
class AuthenticationIntegrationTest extends CatalogServiceIntegrationTestBase {

	static Stream<Arguments> refusedTokens() {
		UUID admin = UUID.randomUUID();
		return Stream.of(argumentSet("expired", (Supplier<String>) () -> tokens.expired(admin)),
				argumentSet("forged: signed by another key under the published key id",
						(Supplier<String>) () -> tokens.forged(admin)),
				argumentSet("signed by a key with an unknown key id",
						(Supplier<String>) () -> tokens.signedByUnknownKey(admin)),
				argumentSet("from another issuer", (Supplier<String>) () -> tokens.fromAnotherIssuer(admin)),
				argumentSet("not a JWT at all", (Supplier<String>) () -> "not-a-token"));
	}

	@ParameterizedTest
	@MethodSource("refusedTokens")
	void refusesTokensThatAreNotValid(Supplier<String> token) {
		HttpResponse<String> response = post("/api/categories", token.get(),
				"{\"slug\":\"never-made\",\"name\":\"Never made\"}");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(body(response).path("type").asString()).isEqualTo("https://bazaar.example/problems/unauthorized");
		assertThat(get("/api/categories/never-made").statusCode()).isEqualTo(404);
	}

	@ParameterizedTest
	@MethodSource("refusedTokens")
	void invalidTokensDoNotEvenReachPublicReadsAsSomeoneElse(Supplier<String> token) {
		// A bad token is an error even where no token is needed: the caller must learn it
		// is broken.
		assertThat(getWithToken("/api/categories", token.get()).statusCode()).isEqualTo(401);
	}

	@Test
	void identityHeadersFromClientsAreIgnored() {
		HttpResponse<String> response = postWithHeaders("/api/categories",
				Map.of("X-User-Id", "3f1c1b8e-2c51-4c39-9d0e-0f7a4c1f9a10", "X-User-Roles", "ADMIN"),
				"{\"slug\":\"never-made\",\"name\":\"Never made\"}");

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void customersAreAuthenticatedButNotAllowedToWrite() {
		HttpResponse<String> response = post("/api/categories", tokens.customer(),
				"{\"slug\":\"never-made\",\"name\":\"Never made\"}");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(body(response).path("type").asString()).isEqualTo("https://bazaar.example/problems/forbidden");
	}

}
