package io.bazaar.runtime.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request with NUL in a query parameter with a 400 validation problem naming
 * the parameter, before anything (security included) reads it. A JSON body is checked as
 * it is read ({@link NulRejectingStringDeserializer}); NUL in the path or in a header
 * Tomcat refuses itself ({@link ProblemErrorReportValve}).
 */
class NulInRequestFilter extends OncePerRequestFilter implements Ordered {

	/** Before Spring Security's filters (-100), whose firewall would answer bare. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private static final JsonMapper json = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> fields = fieldsWithNul(request);
		if (fields.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		ProblemDetail problem = NulCharacters.problem(fields);
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(json.writeValueAsString(problem));
		response.getWriter().flush();
	}

	private static List<String> fieldsWithNul(HttpServletRequest request) {
		List<String> fields = new ArrayList<>();
		String query = request.getQueryString();
		if (query != null && (query.contains("%00") || query.indexOf('\0') >= 0)) {
			for (String pair : query.split("&")) {
				String[] nameAndValue = pair.split("=", 2);
				if (Arrays.stream(nameAndValue).anyMatch((part) -> NulCharacters.in(decode(part)))) {
					fields.add(decode(nameAndValue[0]).replace("\0", ""));
				}
			}
		}
		return fields;
	}

	private static String decode(String part) {
		try {
			return URLDecoder.decode(part, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return part;
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
