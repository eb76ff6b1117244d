package io.bazaar.notification.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A Server-Sent Events client over a real HTTP connection: it reads the stream on a
 * thread of its own and keeps every event and comment it sees, in order.
 */
public final class SseClient implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final HttpResponse<InputStream> response;

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final List<String> comments = new CopyOnWriteArrayList<>();

	private final Thread reader;

	private SseClient(HttpResponse<InputStream> response) {
		this.response = response;
		this.reader = new Thread(this::read, "sse-client");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Opens a stream and waits until the server says it is connected.
	 * @param lastEventId the {@code Last-Event-ID} to send, or {@code null}
	 */
	public static SseClient connect(int port, String token, String lastEventId) {
		SseClient client = open(port, token, lastEventId);
		if (client.status() != 200) {
			throw new IllegalStateException("The stream answered " + client.status());
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> client.comments().contains("connected"));
		return client;
	}

	/** Opens a stream, whatever the answer. */
	public static SseClient open(int port, String token, String lastEventId) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/notifications/stream"))
			.header("Accept", "text/event-stream");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		try {
			return new SseClient(http.send(request.GET().build(), BodyHandlers.ofInputStream()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int status() {
		return this.response.statusCode();
	}

	public java.util.Optional<String> header(String name) {
		return this.response.headers().firstValue(name);
	}

	public String contentType() {
		return this.response.headers().firstValue("Content-Type").orElse("");
	}

	public List<Event> events() {
		return List.copyOf(this.events);
	}

	public List<String> comments() {
		return List.copyOf(this.comments);
	}

	/** The events named {@code notification}. */
	public List<Event> notifications() {
		return this.events.stream().filter((event) -> "notification".equals(event.name())).toList();
	}

	/** Reads the whole body of a response that is not a stream (an error). */
	public String body() throws IOException {
		return new String(this.response.body().readAllBytes(), StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		try {
			this.response.body().close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.reader.interrupt();
	}

	private void read() {
		if (this.response.statusCode() != 200) {
			return;
		}
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String id = null;
			String name = null;
			List<String> data = new ArrayList<>();
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						this.events.add(new Event(id, name, String.join("\n", data)));
					}
					id = null;
					name = null;
					data = new ArrayList<>();
				}
				else if (line.startsWith(":")) {
					this.comments.add(line.substring(1).trim());
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).trim();
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.add(line.substring(5).trim());
				}
			}
		}
		catch (IOException ex) {
			// the stream was closed
		}
	}

	/**
	 * One event as received.
	 *
	 * @param id its id
	 * @param name its name
	 * @param data its data
	 */
	public record Event(String id, String name, String data) {

		public JsonNode json() {
			return SseClient.json.readTree(this.data);
		}

	}

}
