package io.bazaar.gateway.problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes RFC 9457 {@code application/problem+json} answers for everything the gateway
 * itself refuses or fails at, each with a stable {@code type} URI clients can switch on.
 */
@Component
public class ProblemResponses {

	/** Base of every problem type URI the platform answers with. */
	public static final String TYPE_BASE = "https://bazaar.example/problems/";

	private final JsonMapper json;

	public ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
		return write(exchange, status, type, detail, Map.of());
	}

	public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail,
			Map<String, Object> properties) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		properties.forEach(problem::setProperty);
		byte[] body = this.json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
