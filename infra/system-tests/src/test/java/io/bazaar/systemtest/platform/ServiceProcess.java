package io.bazaar.systemtest.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service running as its own JVM process from its built jar, the way the local run
 * command starts it, with its output in a log file of its own.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final int port;

	private final Path jar;

	private final List<String> arguments;

	private final Map<String, String> environment;

	private final Path log;

	private Process process;

	ServiceProcess(String name, int port, Path jar, List<String> arguments, Map<String, String> environment, Path log) {
		this.name = name;
		this.port = port;
		this.jar = jar;
		this.arguments = arguments;
		this.environment = environment;
		this.log = log;
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public String baseUri() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * C1 alone, as infra/local/lib/jvm.sh starts services on a small machine, except for
	 * the gateway (as there: it proxies every request, and C2 halves its CPU per request)
	 * and user-service: it spends its CPU in Argon2, which C2 runs several times faster,
	 * and with C1 alone a sign-in queued behind a burst of sign-ups outlasted the
	 * gateway's 5 s limit on a slow machine.
	 */
	private boolean keepsTieredCompilation() {
		String jarName = this.jar.getFileName().toString();
		return jarName.startsWith("user-service") || jarName.startsWith("gateway");
	}

	/** Starts the process (again, after a stop or kill); its log is appended to. */
	public ServiceProcess start() {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx320m");
		if (!keepsTieredCompilation()) {
			command.add("-XX:TieredStopAtLevel=1");
		}
		command.add("-jar");
		command.add(this.jar.toString());
		command.add("--server.port=" + this.port);
		command.addAll(this.arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().putAll(this.environment);
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.name, ex);
		}
		return this;
	}

	/**
	 * Waits until the service reports itself ready, failing with its log's tail if it
	 * dies or stalls.
	 */
	public ServiceProcess awaitReady(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + "\n" + logTail());
			}
			if (isReady()) {
				return this;
			}
			sleep(Duration.ofMillis(500));
		}
		throw new IllegalStateException(this.name + " was not ready within " + timeout + "\n" + logTail());
	}

	public boolean isReady() {
		return Probe.answersOk(baseUri() + "/actuator/health/readiness");
	}

	/**
	 * How many requests to {@code uri} (a route template, as the service's metrics name
	 * it) this instance has answered since it started, from its Prometheus endpoint.
	 */
	public long requestsServed(String uri) {
		try {
			String metrics = http
				.send(HttpRequest.newBuilder(URI.create(baseUri() + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(5))
					.build(), BodyHandlers.ofString())
				.body();
			return metrics.lines()
				.filter((line) -> line.startsWith("http_server_requests_seconds_count")
						&& line.contains("uri=\"" + uri + "\""))
				.mapToLong((line) -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
		}
		catch (IOException ex) {
			throw new IllegalStateException(this.name + " did not answer its metrics", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Stops the service as an orchestrator would: SIGTERM, then a graceful shutdown. */
	public void stop() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			waitForExit(Duration.ofSeconds(30));
		}
	}

	/** Kills the service without warning, as a crash would (SIGKILL). */
	public void kill() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
			waitForExit(Duration.ofSeconds(10));
		}
	}

	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log at " + this.log + ")";
		}
	}

	@Override
	public void close() {
		stop();
		if (this.process != null && this.process.isAlive()) {
			kill();
		}
	}

	private void waitForExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
