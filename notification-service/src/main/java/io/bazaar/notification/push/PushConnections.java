package io.bazaar.notification.push;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.bazaar.notification.config.NotificationsProperties;
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
 * {@code notifications.push.connections} counts them. A user may have
 * {@code max-streams-per-user} open on an instance, the instance {@code max-streams} in
 * all: a slot is taken when a stream opens and given back when it leaves.
 */
@Component
class PushConnections {

	private final Map<UUID, Set<PushConnection>> byUser = new ConcurrentHashMap<>();

	private final int maxPerUser;

	private final int maxTotal;

	/** Guarded by {@code this}, like every change to {@link #byUser}'s sets. */
	private int total;

	PushConnections(MeterRegistry meters, NotificationsProperties properties) {
		this.maxPerUser = properties.push().maxStreamsPerUser();
		this.maxTotal = properties.push().maxStreams();
		Gauge.builder("notifications.push.connections", this, PushConnections::size)
			.description("Live notification streams open on this instance")
			.register(meters);
	}

	/**
	 * Registers a new stream.
	 * @throws TooManyStreamsException when the user or this instance has as many streams
	 * open as allowed
	 */
	PushConnection open(UUID userId, SseEmitter emitter, long startAfter) {
		PushConnection connection = new PushConnection(userId, emitter, startAfter);
		synchronized (this) {
			if (this.total >= this.maxTotal) {
				throw new TooManyStreamsException(false, this.maxTotal);
			}
			Set<PushConnection> mine = this.byUser.computeIfAbsent(userId, (id) -> ConcurrentHashMap.newKeySet());
			if (mine.size() >= this.maxPerUser) {
				throw new TooManyStreamsException(true, this.maxPerUser);
			}
			mine.add(connection);
			this.total++;
		}
		emitter.onCompletion(() -> remove(connection));
		emitter.onTimeout(() -> remove(connection));
		emitter.onError((ex) -> remove(connection));
		return connection;
	}

	void remove(PushConnection connection) {
		connection.closed();
		synchronized (this) {
			Set<PushConnection> connections = this.byUser.get(connection.userId());
			if (connections != null && connections.remove(connection)) {
				this.total--;
				if (connections.isEmpty()) {
					this.byUser.remove(connection.userId());
				}
			}
		}
	}

	List<PushConnection> of(UUID userId) {
		Set<PushConnection> connections = this.byUser.get(userId);
		return (connections != null) ? List.copyOf(connections) : List.of();
	}

	List<PushConnection> all() {
		return this.byUser.values().stream().flatMap(Set::stream).toList();
	}

	synchronized int size() {
		return this.total;
	}

	@EventListener(ContextClosedEvent.class)
	void closeAll() {
		all().forEach((connection) -> {
			connection.close();
			remove(connection);
		});
	}

}
