package io.bazaar.notification.push;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's open stream on this instance. Everything written to it goes through its
 * lock, in sequence order: {@link #lastSequence()} is the newest notification it has been
 * sent (or, before the first, the point it started from).
 */
final class PushConnection {

	private final UUID userId;

	private final SseEmitter emitter;

	private final ReentrantLock lock = new ReentrantLock();

	private final AtomicBoolean catchUpScheduled = new AtomicBoolean();

	private final AtomicBoolean heartbeatPending = new AtomicBoolean();

	private volatile boolean open = true;

	private long lastSequence;

	PushConnection(UUID userId, SseEmitter emitter, long startAfter) {
		this.userId = userId;
		this.emitter = emitter;
		this.lastSequence = startAfter;
	}

	UUID userId() {
		return this.userId;
	}

	ReentrantLock lock() {
		return this.lock;
	}

	boolean isOpen() {
		return this.open;
	}

	/** Call with the lock held. */
	long lastSequence() {
		return this.lastSequence;
	}

	/** Call with the lock held. */
	void send(SseEmitter.SseEventBuilder event, long sequence) throws IOException {
		this.emitter.send(event);
		this.lastSequence = sequence;
	}

	/** Sends something other than a notification. Call with the lock held. */
	void sendControl(SseEmitter.SseEventBuilder event) throws IOException {
		this.emitter.send(event);
	}

	/** Marks a catch-up as scheduled; {@code false} when one is scheduled already. */
	boolean scheduleCatchUp() {
		return this.catchUpScheduled.compareAndSet(false, true);
	}

	void catchUpStarted() {
		this.catchUpScheduled.set(false);
	}

	/**
	 * Marks a heartbeat as queued; {@code false} when the previous one has not been sent
	 * yet: the client does not keep up.
	 */
	boolean queueHeartbeat() {
		return this.heartbeatPending.compareAndSet(false, true);
	}

	void heartbeatStarted() {
		this.heartbeatPending.set(false);
	}

	/** Ends the stream (the client reconnects with {@code Last-Event-ID}). */
	void close() {
		if (this.open) {
			this.open = false;
			try {
				this.emitter.complete();
			}
			catch (RuntimeException ex) {
				// Already completed by the container: the client is gone.
			}
		}
	}

	void closed() {
		this.open = false;
	}

}
