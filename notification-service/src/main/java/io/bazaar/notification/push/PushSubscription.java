package io.bazaar.notification.push;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

import io.bazaar.notification.config.NotificationsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Subscribes this instance to the channel on which instances announce new notifications.
 * Redis being unreachable at start-up does not stop the instance from starting: until the
 * subscription succeeds (it is tried again every few seconds) only the notifications this
 * instance creates reach its streams at once; the others reach them with the user's next
 * notification or on reconnection. Once subscribed, the listener container recovers from
 * connection losses by itself.
 */
@Component
class PushSubscription implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PushSubscription.class);

	private static final Duration RETRY = Duration.ofSeconds(5);

	private final RedisConnectionFactory connectionFactory;

	private final PushSubscriber subscriber;

	private final Executor executor;

	private final TaskScheduler scheduler;

	private final String channel;

	private RedisMessageListenerContainer container;

	private ScheduledFuture<?> retry;

	private volatile boolean running;

	PushSubscription(RedisConnectionFactory connectionFactory, PushSubscriber subscriber,
			@Qualifier("applicationTaskExecutor") Executor executor,
			@Qualifier("taskScheduler") TaskScheduler scheduler, NotificationsProperties properties) {
		this.connectionFactory = connectionFactory;
		this.subscriber = subscriber;
		this.executor = executor;
		this.scheduler = scheduler;
		this.channel = properties.push().channel();
	}

	@Override
	public synchronized void start() {
		this.running = true;
		subscribe();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.retry != null) {
			this.retry.cancel(false);
			this.retry = null;
		}
		if (this.container != null) {
			close(this.container);
			this.container = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private synchronized void subscribe() {
		if (!this.running || this.container != null) {
			return;
		}
		RedisMessageListenerContainer candidate = new RedisMessageListenerContainer();
		candidate.setConnectionFactory(this.connectionFactory);
		candidate.setTaskExecutor(this.executor);
		candidate.addMessageListener(this.subscriber, new ChannelTopic(this.channel));
		candidate.afterPropertiesSet();
		try {
			candidate.start();
			this.container = candidate;
			logger.info("Subscribed to {}", this.channel);
		}
		catch (RuntimeException ex) {
			close(candidate);
			logger.warn("Could not subscribe to {}, trying again in {}: {}", this.channel, RETRY, ex.getMessage());
			this.retry = this.scheduler.schedule(this::subscribe, Instant.now().plus(RETRY));
		}
	}

	private static void close(RedisMessageListenerContainer container) {
		try {
			container.stop();
			container.destroy();
		}
		catch (Exception ex) {
			logger.debug("Closing a subscription failed: {}", ex.getMessage());
		}
	}

}
