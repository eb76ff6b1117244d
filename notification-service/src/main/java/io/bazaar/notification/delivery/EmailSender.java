package io.bazaar.notification.delivery;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.bazaar.notification.config.NotificationsProperties;
import io.bazaar.notification.recipient.Recipient;
import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends e-mail over SMTP, on a connection each worker keeps ({@link SmtpConnection}).
 * Each delivery's message carries a {@code Message-ID} derived from the delivery, so that
 * in the rare case of a resend (a worker dying between the server's acceptance and
 * recording it) mail systems can recognise the copy.
 */
@Component
class EmailSender {

	private static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

	private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

	/** How long a kept connection may sit unused before it is checked again. */
	private static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(2);

	private final JavaMailSenderImpl mailSender;

	private final String from;

	EmailSender(JavaMailSenderImpl mailSender, NotificationsProperties properties) {
		this.mailSender = mailSender;
		this.from = properties.mail().from();
		nameTheStreamProvider();
	}

	/**
	 * Jakarta Mail looks its stream provider up with a {@link java.util.ServiceLoader}
	 * scan of the class path for every multipart it builds, unless a system property
	 * names it: in a packaged application that scan cost more CPU than composing the
	 * message.
	 */
	private static void nameTheStreamProvider() {
		if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
			System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
		}
	}

	/** A connection to the mail server for one worker, opened when it first sends. */
	SmtpConnection newConnection() {
		return new SmtpConnection(this.mailSender, CHECK_AFTER_IDLE);
	}

	/**
	 * Sends the e-mail over the worker's connection.
	 * @throws PermanentDeliveryException when retrying cannot help
	 * @throws MailException when the send failed and may succeed later
	 */
	void send(SmtpConnection connection, UUID deliveryId, Recipient recipient, Email email) {
		MimeMessage message = prepare(deliveryId, recipient, email);
		try {
			connection.send(message);
		}
		catch (SendFailedException ex) {
			if (ex.getInvalidAddresses() != null && ex.getInvalidAddresses().length > 0) {
				throw new PermanentDeliveryException("The mail server refused the recipient's address", ex);
			}
			throw new MailSendException("The mail server refused the message", ex);
		}
		catch (MessagingException ex) {
			throw new MailSendException("The message could not be sent", ex);
		}
	}

	private MimeMessage prepare(UUID deliveryId, Recipient recipient, Email email) {
		Session session = this.mailSender.getSession();
		MimeMessage message = new DeliveryMessage(session, "<" + deliveryId + "@notification-service.bazaar>");
		try {
			MimeMessageHelper helper = new DeliveryMessageHelper(message);
			helper.setFrom(this.from);
			helper.setTo(new InternetAddress(recipient.email(), withoutControlCharacters(recipient.displayName()),
					StandardCharsets.UTF_8.name()));
			helper.setSubject(email.subject());
			helper.setText(email.text(), email.html());
			return message;
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new PermanentDeliveryException("The message could not be prepared", ex);
		}
	}

	private static String withoutControlCharacters(String value) {
		return value.replaceAll("\\p{Cntrl}", " ");
	}

	/**
	 * Composes with one file type map for every message: the helper builds and parses a
	 * new one for each message it is given (unless the message came from the sender),
	 * which cost more CPU than the rest of the message.
	 */
	private static final class DeliveryMessageHelper extends MimeMessageHelper {

		private static final FileTypeMap FILE_TYPES = sharedFileTypes();

		DeliveryMessageHelper(MimeMessage message) throws MessagingException {
			super(message, true, StandardCharsets.UTF_8.name());
		}

		@Override
		protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
			return FILE_TYPES;
		}

		private static FileTypeMap sharedFileTypes() {
			ConfigurableMimeFileTypeMap fileTypes = new ConfigurableMimeFileTypeMap();
			fileTypes.afterPropertiesSet();
			return fileTypes;
		}

	}

	/** A message whose {@code Message-ID} is fixed rather than generated on saving. */
	private static final class DeliveryMessage extends MimeMessage {

		private final String messageId;

		DeliveryMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
