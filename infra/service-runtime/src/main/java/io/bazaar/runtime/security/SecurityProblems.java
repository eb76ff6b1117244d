package io.bazaar.runtime.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.bazaar.runtime.web.ProblemTypes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers 401 and 403 as {@code application/problem+json} with stable {@code type} URIs,
 * like every other error of the platform. The 401 also carries the
 * {@code WWW-Authenticate: Bearer} challenge of RFC 6750. Each carries the request's
 * {@code traceId}, as every problem does. Details of why a token was refused stay in the
 * logs: a client learns only that it needs a valid token.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		this.challenge.commence(request, response, exception);
		write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
				"A valid bearer token is required.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"The authenticated account may not do this.");
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
			String title, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String body = "{\"type\":\"" + ProblemTypes.BASE + slug + "\",\"title\":\"" + title + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail + "\",\"instance\":\""
				+ jsonEscape(request.getRequestURI()) + "\"" + traceId() + "}";
		response.getWriter().write(body);
		response.getWriter().flush();
	}

	/** The trace id member, when the request is traced. */
	private static String traceId() {
		String traceId = MDC.get("traceId");
		return (traceId != null) ? ",\"traceId\":\"" + jsonEscape(traceId) + "\"" : "";
	}

	static String jsonEscape(String value) {
		StringBuilder escaped = new StringBuilder(value.length() + 8);
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

}
