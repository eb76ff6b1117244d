package io.bazaar.systemtest.platform;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * The platform's SMTP server: a real one (GreenMail) that keeps every message, so that
 * tests can read what the notification-service sent.
 */
public final class Mailbox implements AutoCloseable {

	private final GreenMail server;

	private Mailbox(GreenMail server) {
		this.server = server;
	}

	static Mailbox start(int port) {
		GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return new Mailbox(server);
	}

	public int port() {
		return this.server.getSmtp().getPort();
	}

	/** Every message received for {@code address}. */
	public List<MimeMessage> messagesTo(String address) {
		return Arrays.stream(this.server.getReceivedMessages()).filter((message) -> isTo(message, address)).toList();
	}

	/** The messages to {@code address} whose subject or text contains {@code text}. */
	public List<MimeMessage> messagesTo(String address, String text) {
		return messagesTo(address).stream().filter((message) -> contains(message, text)).toList();
	}

	/**
	 * Every message received so far, each read once: its recipients, and its subject and
	 * decoded text together. For counting over thousands of messages, where asking
	 * {@link #messagesTo(String, String)} once per message sought reads them all each
	 * time.
	 */
	public List<ReceivedMail> received() {
		return Arrays.stream(this.server.getReceivedMessages()).map(Mailbox::read).toList();
	}

	@Override
	public void close() {
		this.server.stop();
	}

	private static boolean isTo(MimeMessage message, String address) {
		return anyIs(recipients(message), address);
	}

	private static boolean anyIs(List<String> recipients, String address) {
		return recipients.stream().anyMatch((recipient) -> recipient.contains(address));
	}

	private static List<String> recipients(MimeMessage message) {
		try {
			Address[] recipients = message.getAllRecipients();
			return (recipients != null) ? Arrays.stream(recipients).map(Address::toString).toList() : List.of();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ReceivedMail read(MimeMessage message) {
		try {
			return new ReceivedMail(recipients(message), message.getSubject() + "\n" + text(message));
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean contains(MimeMessage message, String text) {
		try {
			return message.getSubject().contains(text) || text(message).contains(text);
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The decoded text of every text part, plain and HTML. */
	private static String text(Part part) throws MessagingException, IOException {
		Object content = part.getContent();
		if (content instanceof Multipart multipart) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				text.append(text(multipart.getBodyPart(i))).append('\n');
			}
			return text.toString();
		}
		return (content instanceof String string) ? string : "";
	}

	/** A received message's recipients, and its subject and text. */
	public record ReceivedMail(List<String> recipients, String text) {

		public boolean isTo(String address) {
			return anyIs(this.recipients, address);
		}

	}

}
