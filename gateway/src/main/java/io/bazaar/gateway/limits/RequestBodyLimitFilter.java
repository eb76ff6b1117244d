package io.bazaar.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

import io.bazaar.gateway.config.GatewayProperties;
import io.bazaar.gateway.problem.ProblemResponses;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies over the configured size with 413: at once when
 * {@code Content-Length} says so, and by counting when the body is streamed without one,
 * before it reaches a service.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class RequestBodyLimitFilter implements WebFilter {

	private final long maxBytes;

	private final ProblemResponses problems;

	RequestBodyLimitFilter(GatewayProperties properties, ProblemResponses problems) {
		this.maxBytes = properties.maxRequestBodySize().toBytes();
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long declared = exchange.getRequest().getHeaders().getContentLength();
		if (declared > this.maxBytes) {
			return this.problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
					"The request body is larger than " + this.maxBytes + " bytes.");
		}
		if (declared >= 0 || !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			// A request with neither Content-Length nor Transfer-Encoding has no body.
			return chain.filter(exchange);
		}
		ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {

			@Override
			public Flux<DataBuffer> getBody() {
				AtomicLong seen = new AtomicLong();
				return super.getBody().handle((buffer, sink) -> {
					if (seen.addAndGet(buffer.readableByteCount()) > RequestBodyLimitFilter.this.maxBytes) {
						sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
								"The request body is larger than " + RequestBodyLimitFilter.this.maxBytes + " bytes."));
					}
					else {
						sink.next(buffer);
					}
				});
			}

		};
		return chain.filter(exchange.mutate().request(counted).build());
	}

}
