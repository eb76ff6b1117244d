package io.bazaar.gateway.problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Requests that Netty refuses before Spring sees them (a request line longer than
 * {@code server.netty.max-initial-line-length}: 414; headers larger than
 * {@code server.max-http-request-header-size}: 431; a request that is not well-formed
 * HTTP: 400) are answered as problem+json like everything else the gateway refuses,
 * rather than with Reactor Netty's empty body.
 * <p>
 * Reactor Netty writes that answer itself when the decoder reports a failure; a handler
 * between the HTTP codec and Reactor Netty's traffic handler remembers the request being
 * read and, when the answer to a request that failed decoding passes on its way out,
 * gives it a problem body. Status, {@code Connection: close} and the closing of the
 * connection stay Reactor Netty's.
 */
@Component
class MalformedRequestProblems implements NettyServerCustomizer {

	private static final String HANDLER_NAME = "bazaar.malformedRequestProblems";

	private final JsonMapper json;

	MalformedRequestProblems(JsonMapper json) {
		this.json = json;
	}

	@Override
	public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
				channel.pipeline()
					.addBefore(NettyPipeline.HttpTrafficHandler, HANDLER_NAME, new DecodingFailureAnswer(this.json));
			}
		});
	}

	/** The problem body for a request refused with {@code status}. */
	static ProblemDetail problem(int status) {
		return switch (status) {
			case 414 -> problem(HttpStatus.URI_TOO_LONG, "uri-too-long",
					"The request line (path and query) is longer than the gateway accepts.");
			case 431 -> problem(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large",
					"The request headers are larger than the gateway accepts.");
			default -> problem(HttpStatus.BAD_REQUEST, "malformed-request", "The request is not well-formed HTTP.");
		};
	}

	private static ProblemDetail problem(HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(ProblemResponses.TYPE_BASE + type));
		return problem;
	}

	private static final class DecodingFailureAnswer extends ChannelDuplexHandler {

		private final JsonMapper json;

		private HttpRequest request;

		DecodingFailureAnswer(JsonMapper json) {
			this.json = json;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpRequest httpRequest) {
				// Reactor Netty may mark the request failed after it passed here (a URI
				// it
				// cannot parse), so the request is kept, not only its result now.
				this.request = httpRequest;
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (msg instanceof FullHttpResponse response && failedRequest() && !response.content().isReadable()
					&& response.status().code() >= 400 && response.status().code() < 500) {
				ctx.write(withProblemBody(ctx, response), promise);
				return;
			}
			ctx.write(msg, promise);
		}

		private boolean failedRequest() {
			return this.request != null && this.request.decoderResult().isFailure();
		}

		private FullHttpResponse withProblemBody(ChannelHandlerContext ctx, FullHttpResponse response) {
			byte[] body = this.json.writeValueAsString(problem(response.status().code()))
				.getBytes(StandardCharsets.UTF_8);
			ByteBuf content = ctx.alloc().buffer(body.length).writeBytes(body);
			FullHttpResponse answer = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
					content);
			answer.headers().set(response.headers());
			answer.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			answer.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
			ReferenceCountUtil.release(response);
			return answer;
		}

	}

}
