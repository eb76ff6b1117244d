package io.bazaar.notification.push;

import java.util.UUID;

import io.bazaar.notification.config.NotificationsProperties;
import io.bazaar.notification.history.NotificationRepository;
import io.bazaar.notification.web.CurrentUser;
import io.bazaar.runtime.validation.InvalidInputException;
import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The caller's live notifications as Server-Sent Events: each {@code notification} event
 * has the notification as JSON and its sequence number as event id. A client that
 * reconnects with {@code Last-Event-ID} first gets what it missed, in order. Idle streams
 * get a {@code :heartbeat} comment; the first line of a stream is the comment
 * {@code :connected}.
 */
@RestController
@RequestMapping(path = "/api/notifications", version = "1")
class NotificationStreamController {

	static final String LAST_EVENT_ID = "Last-Event-ID";

	private final PushConnections connections;

	private final StreamDispatcher dispatcher;

	private final NotificationRepository notifications;

	private final long timeoutMillis;

	NotificationStreamController(PushConnections connections, StreamDispatcher dispatcher,
			NotificationRepository notifications, NotificationsProperties properties) {
		this.connections = connections;
		this.dispatcher = dispatcher;
		this.notifications = notifications;
		this.timeoutMillis = properties.push().timeout().toMillis();
	}

	@GetMapping("/stream")
	ResponseEntity<SseEmitter> stream(@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId) {
		UUID userId = CurrentUser.id(token);
		long startAfter = (lastEventId != null) ? sequence(lastEventId) : this.notifications.latestSequence(userId);
		SseEmitter emitter = new SseEmitter(this.timeoutMillis);
		this.dispatcher.begin(this.connections.open(userId, emitter, startAfter));
		// Proxies such as nginx must pass events on as they come rather than buffer them.
		return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(emitter);
	}

	/**
	 * Too many streams: 429 with {@code Retry-After}. Set as problem+json explicitly, as
	 * the client asked for {@code text/event-stream} only.
	 */
	@ExceptionHandler(TooManyStreamsException.class)
	ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreamsException ex) {
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams",
				"Too many streams",
				ex.perUser() ? "This account has as many notification streams open as it may; close one first."
						: "This instance has as many notification streams open as it can; retry shortly.");
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static long sequence(String lastEventId) {
		try {
			long sequence = Long.parseLong(lastEventId.trim());
			if (sequence >= 0) {
				return sequence;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new InvalidInputException(LAST_EVENT_ID, "must be the id of an event received on this stream");
	}

}
