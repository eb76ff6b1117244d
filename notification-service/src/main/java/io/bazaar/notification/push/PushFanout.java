package io.bazaar.notification.push;

import io.bazaar.notification.config.NotificationsProperties;
import io.bazaar.notification.history.Notification;
import io.bazaar.notification.history.NotificationCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Once a new notification is committed, lets this instance's streams of its user catch up
 * and tells every instance (itself included) through Redis pub/sub. If Redis is down the
 * other instances' streams miss the signal, not the notification: it reaches them with
 * the user's next notification, or on reconnection through {@code Last-Event-ID}.
 */
@Component
class PushFanout {

	private static final Logger logger = LoggerFactory.getLogger(PushFanout.class);

	private final StringRedisTemplate redis;

	private final StreamDispatcher dispatcher;

	private final JsonMapper json;

	private final String channel;

	PushFanout(StringRedisTemplate redis, StreamDispatcher dispatcher, JsonMapper json,
			NotificationsProperties properties) {
		this.redis = redis;
		this.dispatcher = dispatcher;
		this.json = json;
		this.channel = properties.push().channel();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void onNotificationCreated(NotificationCreated created) {
		Notification notification = created.notification();
		this.dispatcher.notifyUser(notification.userId());
		try {
			this.redis.convertAndSend(this.channel,
					this.json.writeValueAsString(new PushMessage(notification.userId(), notification.id())));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not tell the other instances of notification {}: {}", notification.id(),
					ex.getMessage());
		}
	}

}
