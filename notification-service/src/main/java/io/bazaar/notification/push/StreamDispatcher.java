package io.bazaar.notification.push;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.bazaar.notification.config.NotificationsProperties;
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
			NotificationsProperties properties) {
		this.connections = connections;
		this.notifications = notifications;
		this.history = history;
		int threads = properties.push().dispatchThreads();
		// Each stream has at most one catch-up and one heartbeat queued (and its start):
		// the queue cannot outgrow three tasks per stream allowed.
		this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(3 * properties.push().maxStreams()), threads());
	}

	/**
	 * Starts a stream: tells the client it is connected (and how soon to reconnect if it
	 * drops), then sends what it missed.
	 */
	void begin(PushConnection connection) {
		submit(connection, () -> write(connection, () -> {
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
				submit(connection, () -> {
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
	 * shows whether its client is still there. A stream whose previous heartbeat is still
	 * waiting to be written has a client that does not keep up: it is dropped (the client
	 * reconnects with {@code Last-Event-ID}) rather than queued more.
	 */
	void heartbeat() {
		for (PushConnection connection : this.connections.all()) {
			if (!connection.queueHeartbeat()) {
				logger.debug("Dropping the stream of user {}: its client does not keep up", connection.userId());
				drop(connection);
				continue;
			}
			submit(connection, () -> {
				connection.heartbeatStarted();
				write(connection, () -> {
					if (connection.lock().tryLock()) {
						try {
							connection.sendControl(SseEmitter.event().comment("heartbeat"));
						}
						finally {
							connection.lock().unlock();
						}
					}
				});
			});
		}
	}

	/**
	 * Runs a write for {@code connection}; when the writers are too far behind to take
	 * it, the stream is dropped instead (its client reconnects and catches up).
	 */
	private void submit(PushConnection connection, Runnable task) {
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Dropping the stream of user {}: the stream writers are saturated", connection.userId());
			drop(connection);
		}
	}

	/**
	 * Frees the stream's slot at once; ending it may wait for a write in progress, so it
	 * is left to a writer (or, failing that, to the container's time-outs).
	 */
	private void drop(PushConnection connection) {
		this.connections.remove(connection);
		try {
			this.executor.execute(connection::close);
		}
		catch (RejectedExecutionException ex) {
			// The write in progress fails or times out, which ends the stream.
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
