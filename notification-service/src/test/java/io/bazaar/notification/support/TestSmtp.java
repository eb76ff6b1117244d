package io.bazaar.notification.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) on a port fixed for the test JVM, so that it can be
 * stopped ("SMTP is down") and started again where the service expects it.
 */
public final class TestSmtp {

	private static TestSmtp shared;

	private final int port;

	private GreenMail server;

	private TestSmtp(int port) {
		this.port = port;
	}

	public static synchronized TestSmtp shared() {
		if (shared == null) {
			shared = new TestSmtp(freePort());
			shared.start();
		}
		return shared;
	}

	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> this.port);
	}

	public synchronized void start() {
		if (this.server == null) {
			this.server = new GreenMail(new ServerSetup(this.port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			this.server.start();
		}
	}

	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop();
			this.server = null;
		}
	}

	/**
	 * The messages received since the server last started, addressed to the given
	 * address.
	 */
	public synchronized List<MimeMessage> messagesTo(String address) {
		if (this.server == null) {
			return List.of();
		}
		return Arrays.stream(this.server.getReceivedMessages())
			.filter((message) -> addressedTo(message, address))
			.toList();
	}

	private static boolean addressedTo(MimeMessage message, String address) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients)
				.anyMatch((recipient) -> recipient.toString().toLowerCase().contains(address.toLowerCase()));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
