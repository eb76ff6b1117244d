package io.bazaar.gateway.observability;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an id, passed to the services ({@link UpstreamRequestHeaders}) and
 * echoed to the client in {@code X-Request-Id}. A well-formed id sent by the client is
 * kept, so a client can correlate its own logs; anything else is replaced.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestIdFilter implements WebFilter {

	static final String HEADER = "X-Request-Id";

	static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String sent = exchange.getRequest().getHeaders().getFirst(HEADER);
		String id = (sent != null && WELL_FORMED.matcher(sent).matches()) ? sent : newId();
		exchange.getResponse().getHeaders().set(HEADER, id);
		exchange.getAttributes().put(ATTRIBUTE, id);
		return chain.filter(exchange);
	}

	/**
	 * A random id from the thread's own generator: ids must be unique, not unguessable,
	 * and {@code SecureRandom} may read from a device, which has no place on an event
	 * loop.
	 */
	private static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}

}
