package io.bazaar.notification.delivery;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.bazaar.notification.config.NotificationProperties;
import io.bazaar.notification.recipient.Recipient;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends e-mail over SMTP. Each delivery's message carries a {@code Message-ID} derived
 * from the delivery, so that in the rare case of a resend (a worker dying between the
 * server's acceptance and recording it) mail systems can recognise the copy.
 */
@Component
class EmailSender {

	private final JavaMailSender mailSender;

	private final String from;

	EmailSender(JavaMailSender mailSender, NotificationProperties properties) {
		this.mailSender = mailSender;
		this.from = properties.mail().from();
	}

	/**
	 * Sends the e-mail.
	 * @throws PermanentDeliveryException when retrying cannot help
	 * @throws MailException when the send failed and may succeed later
	 */
	void send(UUID deliveryId, Recipient recipient, Email email) {
		MimeMessage message = prepare(deliveryId, recipient, email);
		try {
			this.mailSender.send(message);
		}
		catch (MailSendException ex) {
			if (addressRefused(ex)) {
				throw new PermanentDeliveryException("The mail server refused the recipient's address", ex);
			}
			throw ex;
		}
		catch (MailParseException | MailPreparationException ex) {
			throw new PermanentDeliveryException("The message could not be prepared", ex);
		}
	}

	private MimeMessage prepare(UUID deliveryId, Recipient recipient, Email email) {
		Session session = this.mailSender.createMimeMessage().getSession();
		MimeMessage message = new DeliveryMessage(session, "<" + deliveryId + "@notification-service.bazaar>");
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
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

	private static boolean addressRefused(MailSendException ex) {
		return ex.getFailedMessages()
			.values()
			.stream()
			.anyMatch((failure) -> failure instanceof SendFailedException refused
					&& refused.getInvalidAddresses() != null && refused.getInvalidAddresses().length > 0);
	}

	private static String withoutControlCharacters(String value) {
		return value.replaceAll("\\p{Cntrl}", " ");
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
