package io.bazaar.notification.push;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.stereotype.Component;

/**
 * Hears of new notifications created by any instance and lets the user's streams here
 * catch up.
 */
@Component
class PushSubscriber implements MessageListener {

	private static final Logger logger = LoggerFactory.getLogger(PushSubscriber.class);

	private final StreamDispatcher dispatcher;

	private final JsonMapper json;

	PushSubscriber(StreamDispatcher dispatcher, JsonMapper json) {
		this.dispatcher = dispatcher;
		this.json = json;
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		try {
			PushMessage push = this.json.readValue(new String(message.getBody(), StandardCharsets.UTF_8),
					PushMessage.class);
			if (push.userId() != null) {
				this.dispatcher.notifyUser(push.userId());
			}
		}
		catch (JacksonException ex) {
			logger.warn("Ignored an unreadable message on the notification channel: {}", ex.getMessage());
		}
	}

}
