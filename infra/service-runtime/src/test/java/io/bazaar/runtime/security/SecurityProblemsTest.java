package io.bazaar.runtime.security;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityProblemsTest {

	private final SecurityProblems problems = new SecurityProblems();

	@Test
	void unauthenticatedCallsGetAProblemWithABearerChallenge() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.problems.commence(new MockHttpServletRequest("POST", "/api/products"), response,
				new BadCredentialsException("signature did not verify"));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.getContentAsString())
			.contains("\"type\":\"https://bazaar.example/problems/unauthorized\"", "\"status\":401",
					"\"instance\":\"/api/products\"")
			.doesNotContain("signature did not verify");
	}

	@Test
	void forbiddenCallsGetAProblem() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.problems.handle(new MockHttpServletRequest("DELETE", "/api/products/1"), response,
				new AccessDeniedException("denied"));

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"type\":\"https://bazaar.example/problems/forbidden\"",
				"\"status\":403");
	}

	@Test
	void carriesTheTraceIdOfATracedRequest() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		try {
			this.problems.handle(new MockHttpServletRequest("DELETE", "/api/products/1"), response,
					new AccessDeniedException("denied"));
		}
		finally {
			MDC.remove("traceId");
		}

		assertThat(response.getContentAsString()).endsWith(",\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}");
	}

	@Test
	void escapesTheRequestPathInTheBody() {
		assertThat(SecurityProblems.jsonEscape("/a\"b\\c\n")).isEqualTo("/a\\\"b\\\\c\\u000a");
	}

}
