package io.bazaar.notification.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.bazaar.notification.config.NotificationsProperties;
import io.bazaar.notification.history.NotificationCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The bounded pool of delivery workers of this instance. Each worker claims one due
 * delivery at a time from the shared queue and sends on a mail server connection of its
 * own, kept between deliveries; an idle worker sleeps until the poll interval passes or
 * this instance queues new work. Stopping lets the sends in progress finish.
 */
@Component
class DeliveryWorkers implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryWorkers.class);

	private static final long STOP_GRACE_MILLIS = 30_000;

	private final DeliveryQueue queue;

	private final DeliveryWorker worker;

	private final NotificationsProperties.Delivery settings;

	private final Object signal = new Object();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	private boolean workQueued;

	DeliveryWorkers(DeliveryQueue queue, DeliveryWorker worker, NotificationsProperties properties) {
		this.queue = queue;
		this.worker = worker;
		this.settings = properties.delivery();
	}

	/**
	 * One new delivery wakes one idle worker: waking them all sent each to the queue, and
	 * all but one came back empty-handed, a wasted claim (a query and a transaction)
	 * each. A busy worker claims the next delivery when it is done anyway.
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void onNotificationCreated(NotificationCreated created) {
		synchronized (this.signal) {
			this.workQueued = true;
			this.signal.notify();
		}
	}

	@Override
	public synchronized void start() {
		this.running = true;
		for (int i = 1; i <= this.settings.workers(); i++) {
			Thread thread = new Thread(this::work, "delivery-worker-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		wakeAll();
		long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
		for (Thread thread : this.threads) {
			try {
				thread.join(Math.max(1, deadline - System.currentTimeMillis()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.threads.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void wakeAll() {
		synchronized (this.signal) {
			this.workQueued = true;
			this.signal.notifyAll();
		}
	}

	private void work() {
		try (SmtpConnection smtp = this.worker.newConnection()) {
			while (this.running) {
				try {
					Optional<ClaimedDelivery> claimed = this.queue.claim(this.settings.lease());
					if (claimed.isPresent()) {
						this.worker.deliver(claimed.get(), smtp);
					}
					else {
						idle();
					}
				}
				catch (DataAccessException ex) {
					logger.warn("The delivery queue is unreachable, trying again in {}: {}",
							this.settings.pollInterval(), ex.getMessage());
					pause();
				}
				catch (RuntimeException ex) {
					logger.error("A delivery failed unexpectedly; it is retried when its lease runs out", ex);
					pause();
				}
			}
		}
	}

	private void idle() {
		synchronized (this.signal) {
			if (!this.workQueued && this.running) {
				try {
					this.signal.wait(this.settings.pollInterval().toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					this.running = false;
				}
			}
			this.workQueued = false;
		}
	}

	private void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(this.settings.pollInterval().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
