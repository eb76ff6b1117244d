package io.bazaar.systemtest.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network path from one service instance to its database, as a TCP relay that a test
 * can cut, as a broken link or a firewall would, and restore. While cut, every connection
 * through it is closed and new ones are closed as soon as they open; the database itself,
 * and the other instances' connections to it, carry on.
 */
public final class DatabaseLink implements AutoCloseable {

	private final ServerSocket listener;

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private DatabaseLink(ServerSocket listener, String targetHost, int targetPort) {
		this.listener = listener;
		this.targetHost = targetHost;
		this.targetPort = targetPort;
	}

	static DatabaseLink open(String targetHost, int targetPort) {
		try {
			DatabaseLink link = new DatabaseLink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetHost,
					targetPort);
			daemon("database-link-" + link.port(), link::accept);
			return link;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The loopback port the instance connects to instead of the database's. */
	public int port() {
		return this.listener.getLocalPort();
	}

	/** Breaks every connection through the link and refuses new ones. */
	public void cut() {
		this.cut = true;
		this.open.forEach(DatabaseLink::closeQuietly);
	}

	/** Lets connections through again. */
	public void restore() {
		this.cut = false;
	}

	@Override
	public void close() {
		cut();
		closeQuietly(this.listener);
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				if (this.cut) {
					closeQuietly(client);
					continue;
				}
				Socket server;
				try {
					server = new Socket(this.targetHost, this.targetPort);
				}
				catch (IOException ex) {
					closeQuietly(client);
					continue;
				}
				this.open.add(client);
				this.open.add(server);
				daemon("database-link-up", () -> pump(client, server));
				daemon("database-link-down", () -> pump(server, client));
			}
			catch (IOException ex) {
				// the listener was closed
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
