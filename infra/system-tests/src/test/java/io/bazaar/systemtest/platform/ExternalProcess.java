package io.bazaar.systemtest.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server the platform depends on, run as a process of its own so that a drill can stop
 * and restart it on the same port, as an operator or a crash would.
 */
abstract class ExternalProcess implements AutoCloseable {

	private final String name;

	private final int port;

	private final Path log;

	private Process process;

	ExternalProcess(String name, int port, Path log) {
		this.name = name;
		this.port = port;
		this.log = log;
	}

	public int port() {
		return this.port;
	}

	/** The command that runs the server in the foreground. */
	abstract List<String> command();

	/** Starts the server (again) and waits until it accepts connections on its port. */
	public void start() {
		try {
			this.process = new ProcessBuilder(command()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.name, ex);
		}
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (!accepts()) {
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(
						this.name + " did not listen on port " + this.port + "; see " + this.log);
			}
			pause();
		}
	}

	/** Stops the server cleanly (SIGTERM) and waits until it has exited. */
	public void stop() {
		if (this.process == null || !this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		stop();
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
