package io.bazaar.notification.inbox;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

import io.bazaar.notification.config.NotificationsProperties;
import io.bazaar.notification.delivery.DeliveryQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Keeps the delivery queue bounded: when more deliveries wait for a worker than
 * {@code notifications.inbox.pause-above}, the event consumers pause (events stay in
 * Kafka, nothing is buffered here); they resume once the backlog is below
 * {@code resume-below}. The backlog is shared by all instances, so every instance pauses
 * together. {@code notifications.inbox.paused} is 1 while this instance's consumers are
 * paused.
 */
@Component
class InboxBackpressure implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(InboxBackpressure.class);

	private static final List<String> LISTENERS = List.of(EventListeners.USER_EVENTS, EventListeners.ORDER_EVENTS);

	private final DeliveryQueue queue;

	private final KafkaListenerEndpointRegistry registry;

	private final TaskScheduler scheduler;

	private final NotificationsProperties.Inbox settings;

	private volatile ScheduledFuture<?> checks;

	InboxBackpressure(DeliveryQueue queue, KafkaListenerEndpointRegistry registry,
			@Qualifier("taskScheduler") TaskScheduler scheduler, NotificationsProperties properties,
			MeterRegistry meters) {
		this.queue = queue;
		this.registry = registry;
		this.scheduler = scheduler;
		this.settings = properties.inbox();
		Gauge.builder("notifications.inbox.paused", this, (backpressure) -> backpressure.paused() ? 1 : 0)
			.description("Whether this instance's event consumers are paused because the delivery queue is full")
			.register(meters);
	}

	@Override
	public void start() {
		this.checks = this.scheduler.scheduleWithFixedDelay(this::check, this.settings.backlogCheck());
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.checks;
		if (running != null) {
			running.cancel(false);
		}
		this.checks = null;
	}

	@Override
	public boolean isRunning() {
		return this.checks != null;
	}

	void check() {
		long backlog;
		try {
			backlog = this.queue.backlog();
		}
		catch (DataAccessException ex) {
			logger.warn("Could not measure the delivery backlog: {}", ex.getMessage());
			return;
		}
		for (MessageListenerContainer container : containers()) {
			if (backlog > this.settings.pauseAbove() && container.isRunning() && !container.isPauseRequested()) {
				logger.warn("Pausing {}: {} deliveries wait for a worker (limit {})", container.getListenerId(),
						backlog, this.settings.pauseAbove());
				container.pause();
			}
			else if (backlog < this.settings.resumeBelow() && container.isPauseRequested()) {
				logger.info("Resuming {}: {} deliveries wait for a worker", container.getListenerId(), backlog);
				container.resume();
			}
		}
	}

	private boolean paused() {
		return containers().stream().anyMatch(MessageListenerContainer::isPauseRequested);
	}

	private List<MessageListenerContainer> containers() {
		return LISTENERS.stream()
			.map(this.registry::getListenerContainer)
			.filter(Objects::nonNull)
			.map(MessageListenerContainer.class::cast)
			.toList();
	}

}
