package io.bazaar.notification.delivery;

import java.time.Duration;
import java.util.Date;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One delivery worker's connection to the mail server, opened for its first message and
 * kept for the next. Opening one costs a TCP handshake and the EHLO exchange, which is
 * more CPU for both ends than sending a short message, and as much as 40 ms of waiting
 * against a server that answers EHLO in several segments (delayed acknowledgements): a
 * worker that reconnected for every message could send no more than about twenty a
 * second. A connection idle for a while is checked (NOOP) before it is used again, as the
 * server may have closed it; after any failure it is closed, and the next message opens a
 * new one. Used by one thread at a time.
 */
final class SmtpConnection implements AutoCloseable {

	private final JavaMailSenderImpl mail;

	private final long checkAfterIdleNanos;

	private Transport transport;

	private long lastUsed;

	SmtpConnection(JavaMailSenderImpl mail, Duration checkAfterIdle) {
		this.mail = mail;
		this.checkAfterIdleNanos = checkAfterIdle.toNanos();
	}

	/**
	 * Sends the message to its recipients.
	 * @throws jakarta.mail.SendFailedException when the server refused the recipients or
	 * the message
	 * @throws MessagingException when the connection could not be opened or failed
	 */
	void send(MimeMessage message) throws MessagingException {
		try {
			if (message.getSentDate() == null) {
				message.setSentDate(new Date());
			}
			message.saveChanges();
			connected().sendMessage(message, message.getAllRecipients());
			this.lastUsed = System.nanoTime();
		}
		catch (MessagingException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	boolean isOpen() {
		return this.transport != null;
	}

	private Transport connected() throws MessagingException {
		if (this.transport != null && System.nanoTime() - this.lastUsed > this.checkAfterIdleNanos
				&& !this.transport.isConnected()) {
			close();
		}
		if (this.transport == null) {
			Session session = this.mail.getSession();
			Transport opened = session.getTransport(protocol(session));
			opened.connect(this.mail.getHost(), this.mail.getPort(), this.mail.getUsername(), this.mail.getPassword());
			this.transport = opened;
		}
		return this.transport;
	}

	private String protocol(Session session) {
		if (this.mail.getProtocol() != null) {
			return this.mail.getProtocol();
		}
		String configured = session.getProperty("mail.transport.protocol");
		return (configured != null) ? configured : "smtp";
	}

	@Override
	public void close() {
		if (this.transport != null) {
			try {
				this.transport.close();
			}
			catch (MessagingException ex) {
				// the connection is given up either way
			}
			this.transport = null;
		}
	}

}
