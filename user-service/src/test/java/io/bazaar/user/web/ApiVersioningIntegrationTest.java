package io.bazaar.user.web;

import io.bazaar.user.support.ApiClient.Response;
import io.bazaar.user.support.TestAccounts;
import io.bazaar.user.support.UserServiceIntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static io.bazaar.user.support.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API is versioned by the {@code API-Version} header so that old app builds
 * keep working; a request without it gets version 1.
 */
class ApiVersioningIntegrationTest extends UserServiceIntegrationTestBase {

	private String accessToken;

	@BeforeEach
	void customer() {
		this.accessToken = this.api.registerAndLogin(TestAccounts.uniqueEmail(), "Ada").get("accessToken").asString();
	}

	@Test
	void aRequestWithoutTheHeaderIsServedByVersion1() {
		Response unversioned = this.api.get("/api/users/me", "Authorization", bearer(this.accessToken));
		Response version1 = this.api.get("/api/users/me", "Authorization", bearer(this.accessToken), "API-Version",
				"1");

		assertThat(unversioned.status()).isEqualTo(200);
		assertThat(version1.status()).isEqualTo(200);
		assertThat(unversioned.json()).isEqualTo(version1.json());
	}

	@Test
	void registrationWithoutTheHeaderWorks() {
		assertThat(this.api.register(TestAccounts.uniqueEmail(), TestAccounts.PASSWORD, "Grace").status())
			.isEqualTo(201);
	}

	@ParameterizedTest(name = "API-Version: {0}")
	@ValueSource(strings = { "2", "0.9", "banana" })
	void anUnsupportedVersionIs400(String version) {
		Response response = this.api.get("/api/users/me", "Authorization", bearer(this.accessToken), "API-Version",
				version);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString())
			.isEqualTo("https://bazaar.example/problems/unsupported-api-version");
	}

	@Test
	void theOpenApiDocumentDescribesTheApiAndItsVersionHeader() {
		Response docs = this.api.get("/v3/api-docs");

		assertThat(docs.status()).isEqualTo(200);
		JsonNode openApi = docs.json();
		assertThat(openApi.get("paths").propertyNames()).contains("/api/users", "/api/users/me", "/api/users/{id}",
				"/api/auth/token", "/api/auth/refresh", "/api/auth/logout");
		assertThat(openApi.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
			.isEqualTo("bearer");
		JsonNode parameters = openApi.get("paths").get("/api/users/me").get("get").get("parameters");
		assertThat(parameters).as(docs.body()).isNotNull();
		assertThat(parameters.valueStream()
			.filter((parameter) -> "API-Version".equals(parameter.get("name").asString()))
			.map((parameter) -> parameter.get("in").asString())).containsExactly("header");
	}

}
