package io.bazaar.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrentRequestLimitFilterTest {

	private static final Duration DEADLINE = Duration.ofMillis(300);

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final ConcurrentRequestLimitFilter filter = new ConcurrentRequestLimitFilter(1, DEADLINE, this.meters);

	@Test
	void aRequestUnansweredByItsDeadlineIsGivenUpAnswered503AndFreesItsPlace() {
		MockServerWebExchange stuck = exchange("/api/orders");
		AtomicBoolean cancelled = new AtomicBoolean();
		WebFilterChain neverAnswers = (exchange) -> Mono.<Void>never().doOnCancel(() -> cancelled.set(true));

		this.filter.filter(stuck, neverAnswers).block(Duration.ofSeconds(5));

		assertThat(stuck.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(stuck.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(stuck.getResponse().getBodyAsString().block())
			.contains("\"type\":\"https://bazaar.example/problems/gateway-timeout\"");
		assertThat(cancelled).as("the stuck work is cancelled").isTrue();
		assertThat(this.meters.counter("gateway.requests.unanswered").count()).isEqualTo(1);
		assertThat(activeRequests()).isZero();

		MockServerWebExchange next = exchange("/api/products");
		this.filter.filter(next, answering("ok")).block(Duration.ofSeconds(5));
		assertThat(next.getResponse().getStatusCode()).as("the place it held is taken again").isEqualTo(HttpStatus.OK);
	}

	@Test
	void anAnswerThatStartedBeforeTheDeadlineMayGoOnStreamingAfterIt() {
		MockServerWebExchange streaming = exchange("/api/stream");
		WebFilterChain slowStream = (exchange) -> {
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(HttpStatus.OK);
			Flux<DataBuffer> parts = Flux
				.concat(Mono.just("first"), Mono.just("second").delayElement(DEADLINE.multipliedBy(2)))
				.map((part) -> response.bufferFactory().wrap(part.getBytes(StandardCharsets.UTF_8)));
			return response.writeWith(parts);
		};

		this.filter.filter(streaming, slowStream).block(Duration.ofSeconds(5));

		assertThat(streaming.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(streaming.getResponse().getBodyAsString().block()).isEqualTo("firstsecond");
		assertThat(this.meters.counter("gateway.requests.unanswered").count()).isZero();
	}

	@Test
	void anUpstreamTimeLimitStaysTheErrorHandlersToAnswer() {
		MockServerWebExchange timedOut = exchange("/api/orders");
		WebFilterChain upstreamTimesOut = (exchange) -> Mono.error(new TimeoutException("upstream"));

		assertThatThrownBy(() -> this.filter.filter(timedOut, upstreamTimesOut).block(Duration.ofSeconds(5)))
			.hasCauseInstanceOf(TimeoutException.class);

		assertThat(this.meters.counter("gateway.requests.unanswered").count()).isZero();
		assertThat(activeRequests()).isZero();
	}

	@Test
	void beyondTheLimitARequestIsShedAtOnce() {
		MockServerWebExchange first = exchange("/api/orders");
		this.filter.filter(first, (exchange) -> Mono.never()).subscribe();
		MockServerWebExchange second = exchange("/api/orders");

		this.filter.filter(second, answering("ok")).block(Duration.ofSeconds(1));

		assertThat(second.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(second.getResponse().getBodyAsString().block())
			.contains("\"type\":\"https://bazaar.example/problems/overloaded\"");
		assertThat(this.meters.counter("gateway.requests.shed").count()).isEqualTo(1);
	}

	private double activeRequests() {
		return this.meters.get("gateway.requests.active").gauge().value();
	}

	private static WebFilterChain answering(String body) {
		return (ServerWebExchange exchange) -> {
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(HttpStatus.OK);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
		};
	}

	private static MockServerWebExchange exchange(String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.post(path));
	}

}
