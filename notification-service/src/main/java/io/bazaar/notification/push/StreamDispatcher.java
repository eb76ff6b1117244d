package io.bazaar.notification.push;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.bazaar.notification.config.NotificationProperties;
import io.bazaar.notification.history.Notification;
import io.bazaar.notification.history.NotificationHistory;
import io.bazaar.notification.history.NotificationRepository;
import io.bazaar.notification.history.NotificationView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Writes notifications to the streams open on this instance. A stream is never sent a
 * notification directly: told that its user has news, it catches up from the database,
 * sending every notification after the last one it sent, in order. That makes a stream's
 * first replay ({@code Last-Event-ID}) and its live updates one and the same mechanism:
 * nothing twice, nothing skipped, however the signals and the replay interleave. Signals
 * for a stream that has a catch-up pending are merged into it.
 */
@Component
class StreamDispatcher implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(StreamDispatcher.class);

	private static final int BATCH = 100;

	private static final Duration CLIENT_RETRY = Duration.ofSeconds(3);

	private final PushConnections connections;

	private final NotificationRepository notifications;

	private final NotificationHistory history;

	private final ExecutorService executor;

	StreamDispatcher(PushConnections connections, NotificationRepository notifications, NotificationHistory history,
			NotificationProperties properties) {
		this.connections = connections;
		this.notifications = notifications;
		this.history = history;
		this.executor = Executors.newFixedThreadPool(properties.push().dispatchThreads(), threads());
	}

	/**
	 * Starts a stream: tells the client it is connected (and how soon to reconnect if it
	 * drops), then sends what it missed.
	 */
	void begin(PushConnection connection) {
		this.executor.execute(() -> write(connection, () -> {
			connection.lock().lock();
			try {
				connection.sendControl(SseEmitter.event().comment("connected").reconnectTime(CLIENT_RETRY.toMillis()));
				sendMissed(connection);
			}
			finally {
				connection.lock().unlock();
			}
		}));
	}

	/** The user has a new notification: their streams on this instance catch up. */
	void notifyUser(UUID userId) {
		for (PushConnection connection : this.connections.of(userId)) {
			if (connection.scheduleCatchUp()) {
				this.executor.execute(() -> {
					connection.catchUpStarted();
					write(connection, () -> {
						connection.lock().lock();
						try {
							if (connection.isOpen()) {
								sendMissed(connection);
							}
						}
						finally {
							connection.lock().unlock();
						}
					});
				});
			}
		}
	}

	/**
	 * Sends a comment line to every idle stream, which keeps proxies from closing it and
	 * shows whether its client is still there.
	 */
	void heartbeat() {
		for (PushConnection connection : this.connections.all()) {
			this.executor.execute(() -> write(connection, () -> {
				if (connection.lock().tryLock()) {
					try {
						connection.sendControl(SseEmitter.event().comment("heartbeat"));
					}
					finally {
						connection.lock().unlock();
					}
				}
			}));
		}
	}

	private void sendMissed(PushConnection connection) throws IOException {
		List<Notification> batch;
		do {
			batch = this.notifications.findAfter(connection.userId(), connection.lastSequence(), BATCH);
			for (NotificationView view : this.history.views(batch)) {
				connection.send(SseEmitter.event()
					.id(Long.toString(view.sequence()))
					.name("notification")
					.data(view, MediaType.APPLICATION_JSON), view.sequence());
			}
		}
		while (batch.size() == BATCH);
	}

	private void write(PushConnection connection, StreamWrite write) {
		try {
			write.run();
		}
		catch (IOException | IllegalStateException ex) {
			// The client has gone (or the stream has completed); it reconnects with
			// Last-Event-ID and is caught up then.
			logger.debug("Closing the stream of user {}: {}", connection.userId(), ex.getMessage());
			connection.close();
			this.connections.remove(connection);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not write to the stream of user {}; closing it so the client reconnects",
					connection.userId(), ex);
			connection.close();
			this.connections.remove(connection);
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	private static ThreadFactory threads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "push-dispatch-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@FunctionalInterface
	private interface StreamWrite {

		void run() throws IOException;

	}

}
