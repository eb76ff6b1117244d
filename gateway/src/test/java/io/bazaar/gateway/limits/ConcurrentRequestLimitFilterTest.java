package io.bazaar.gateway.limits;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.bazaar.gateway.ratelimit.RateLimitFilter;
import io.bazaar.gateway.resilience.UpstreamRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
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
	void theLineLoggedForAGivenUpRequestSaysHowFarItGot(CapturedOutput output) {
		MockServerWebExchange stuck = exchange("/api/orders");
		stuck.getAttributes()
			.put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR,
					Route.async()
						.id("orders")
						.uri(URI.create("lb://order-service"))
						.predicate((exchange) -> true)
						.build());
		stuck.getAttributes().put(RateLimitFilter.BUCKET_ATTRIBUTE, "gateway:ratelimit:v1:default:user:42");

		this.filter.filter(stuck, (exchange) -> Mono.never()).block(Duration.ofSeconds(5));

		assertThat(output.getOut()).contains("Gave up on POST /api/orders after 300 ms without an answer; "
				+ "it had reached: route orders, rate-limit bucket gateway:ratelimit:v1:default:user:42 (no decision)");
	}

	@Test
	void progressNamesTheInstanceChosenAndTheCallSent() {
		MockServerWebExchange sent = exchange("/api/orders");
		sent.getResponse().getHeaders().set(RateLimitFilter.LIMIT_HEADER, "100");
		sent.getAttributes().put(RateLimitFilter.BUCKET_ATTRIBUTE, "bucket");
		sent.getAttributes()
			.put(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR,
					new DefaultResponse(new DefaultServiceInstance("o1", "order-service", "10.0.0.7", 8083, false)));
		sent.getAttributes()
			.put(UpstreamRoutes.TRIED_INSTANCES_ATTRIBUTE, new LinkedHashSet<>(List.of("10.0.0.7:8083")));

		assertThat(ConcurrentRequestLimitFilter.progressOf(sent)).isEqualTo(
				"no route, rate-limit bucket bucket (passed), instance 10.0.0.7:8083, call sent to [10.0.0.7:8083]");
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
