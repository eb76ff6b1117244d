package io.bazaar.notification.push;

import java.util.concurrent.ScheduledFuture;

import io.bazaar.notification.config.NotificationsProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Sends the streams' heartbeats every {@code notifications.push.heartbeat}. */
@Component
class Heartbeats implements SmartLifecycle {

	private final StreamDispatcher dispatcher;

	private final TaskScheduler scheduler;

	private final NotificationsProperties.Push settings;

	private volatile ScheduledFuture<?> beats;

	Heartbeats(StreamDispatcher dispatcher, @Qualifier("taskScheduler") TaskScheduler scheduler,
			NotificationsProperties properties) {
		this.dispatcher = dispatcher;
		this.scheduler = scheduler;
		this.settings = properties.push();
	}

	@Override
	public void start() {
		this.beats = this.scheduler.scheduleAtFixedRate(this.dispatcher::heartbeat, this.settings.heartbeat());
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.beats;
		if (running != null) {
			running.cancel(false);
		}
		this.beats = null;
	}

	@Override
	public boolean isRunning() {
		return this.beats != null;
	}

}
