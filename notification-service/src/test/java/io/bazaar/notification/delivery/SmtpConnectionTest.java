package io.bazaar.notification.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A worker's kept connection against a real SMTP server (GreenMail). */
class SmtpConnectionTest {

	private final int port = freePort();

	private GreenMail server = startServer(this.port);

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void messagesInARowShareOneConnection() throws Exception {
		try (CountingRelay relay = new CountingRelay(this.port);
				SmtpConnection connection = new SmtpConnection(mailTo(relay.port()), Duration.ofSeconds(2))) {
			for (int i = 0; i < 5; i++) {
				connection.send(message("buyer-" + i + "@bazaar.example"));
			}

			assertThat(this.server.getReceivedMessages()).hasSize(5);
			assertThat(relay.connections()).as("SMTP connections opened").isEqualTo(1);
		}
	}

	@Test
	void aConnectionTheServerClosedWhileIdleIsReplacedBeforeTheNextMessage() throws Exception {
		try (SmtpConnection connection = new SmtpConnection(mailTo(this.port), Duration.ZERO)) {
			connection.send(message("first@bazaar.example"));
			this.server.stop();
			this.server = startServer(this.port);

			connection.send(message("second@bazaar.example"));

			assertThat(this.server.getReceivedMessages()).hasSize(1);
			assertThat(this.server.getReceivedMessages()[0].getAllRecipients()[0]).hasToString("second@bazaar.example");
		}
	}

	@Test
	void aFailedSendClosesTheConnectionAndTheNextSendOpensANewOne() throws Exception {
		try (SmtpConnection connection = new SmtpConnection(mailTo(this.port), Duration.ofSeconds(2))) {
			this.server.stop();
			this.server = null;

			assertThatExceptionOfType(MessagingException.class)
				.isThrownBy(() -> connection.send(message("lost@bazaar.example")));
			assertThat(connection.isOpen()).isFalse();

			this.server = startServer(this.port);
			connection.send(message("after@bazaar.example"));
			assertThat(this.server.getReceivedMessages()).hasSize(1);
			assertThat(connection.isOpen()).isTrue();
		}
	}

	private MimeMessage message(String to) throws MessagingException {
		MimeMessage message = new MimeMessage(mailTo(this.port).getSession());
		message.setFrom(new InternetAddress("shop@bazaar.example"));
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
		message.setSubject("Your order is confirmed");
		message.setText("Thank you for your order.");
		return message;
	}

	private static JavaMailSenderImpl mailTo(int port) {
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("127.0.0.1");
		mail.setPort(port);
		return mail;
	}

	private static GreenMail startServer(int port) {
		GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Passes TCP connections on to the mail server, counting them. */
	private static final class CountingRelay implements AutoCloseable {

		private final ServerSocket listener;

		private final AtomicInteger connections = new AtomicInteger();

		CountingRelay(int target) throws IOException {
			this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			daemon(() -> accept(target));
		}

		int port() {
			return this.listener.getLocalPort();
		}

		int connections() {
			return this.connections.get();
		}

		private void accept(int target) {
			while (!this.listener.isClosed()) {
				try {
					Socket client = this.listener.accept();
					this.connections.incrementAndGet();
					Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
					daemon(() -> pipe(client, server));
					daemon(() -> pipe(server, client));
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private static void daemon(Runnable task) {
			Thread thread = new Thread(task, "smtp-relay");
			thread.setDaemon(true);
			thread.start();
		}

		private static void pipe(Socket from, Socket to) {
			try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// one side closed: the relay closes both
			}
		}

		@Override
		public void close() throws IOException {
			this.listener.close();
		}

	}

}
