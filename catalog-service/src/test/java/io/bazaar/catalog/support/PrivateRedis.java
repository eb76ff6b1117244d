package io.bazaar.catalog.support;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process of a test's own, on a free port, that the test may stop
 * and start again; the machine's shared Redis is never touched.
 */
public final class PrivateRedis implements AutoCloseable {

	private final int port;

	private final File log;

	private Process process;

	public PrivateRedis() {
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
			this.log = Files.createTempFile("private-redis", ".log").toFile();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	public PrivateRedis start() {
		String binary = new File("/usr/bin/redis-server").canExecute() ? "/usr/bin/redis-server" : "redis-server";
		try {
			this.process = new ProcessBuilder(List.of(binary, "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + binary, ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!accepts()) {
			if (System.nanoTime() > deadline || !this.process.isAlive()) {
				throw new IllegalStateException(
						"redis-server did not start on port " + this.port + "; see " + this.log);
			}
			sleep();
		}
		return this;
	}

	public void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	@Override
	public void close() {
		stop();
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
