package io.bazaar.notification.push;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The streams open on this instance, by user. A stream leaves the registry when it
 * completes, times out or fails (a heartbeat to a client that has gone fails), and all
 * are closed when the instance shuts down so their clients reconnect to another one.
 * {@code notifications.push.connections} counts them.
 */
@Component
class PushConnections {

	private final Map<UUID, Set<PushConnection>> byUser = new ConcurrentHashMap<>();

	PushConnections(MeterRegistry meters) {
		Gauge.builder("notifications.push.connections", this, PushConnections::size)
			.description("Live notification streams open on this instance")
			.register(meters);
	}

	PushConnection open(UUID userId, SseEmitter emitter, long startAfter) {
		PushConnection connection = new PushConnection(userId, emitter, startAfter);
		emitter.onCompletion(() -> remove(connection));
		emitter.onTimeout(() -> remove(connection));
		emitter.onError((ex) -> remove(connection));
		this.byUser.computeIfAbsent(userId, (id) -> ConcurrentHashMap.newKeySet()).add(connection);
		return connection;
	}

	void remove(PushConnection connection) {
		connection.closed();
		this.byUser.computeIfPresent(connection.userId(), (id, connections) -> {
			connections.remove(connection);
			return connections.isEmpty() ? null : connections;
		});
	}

	List<PushConnection> of(UUID userId) {
		Set<PushConnection> connections = this.byUser.get(userId);
		return (connections != null) ? List.copyOf(connections) : List.of();
	}

	List<PushConnection> all() {
		return this.byUser.values().stream().flatMap(Set::stream).toList();
	}

	int size() {
		return this.byUser.values().stream().mapToInt(Set::size).sum();
	}

	@EventListener(ContextClosedEvent.class)
	void closeAll() {
		all().forEach((connection) -> {
			connection.close();
			remove(connection);
		});
	}

}
