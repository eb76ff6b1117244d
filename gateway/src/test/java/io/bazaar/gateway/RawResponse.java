package io.bazaar.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP/1.1 answer to bytes written on a raw socket: what a client sends that no HTTP
 * client library lets through (an unencoded NUL, a header without a colon...).
 */
record RawResponse(int status, Map<String, String> headers, String body) {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Sends {@code request} as it is and reads the answer until the server closes. */
	static RawResponse send(int port, String request) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return parse(readHead(socket.getInputStream()), socket.getInputStream());
		}
	}

	/** Reads the next answer from a connection kept open (its body by Content-Length). */
	static RawResponse readFrom(InputStream in) throws IOException {
		return parse(readHead(in), in);
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
		while (matched < end.length) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("The connection closed before the answer's head ended: " + head);
			}
			head.write(next);
			matched = (next == end[matched]) ? matched + 1 : ((next == end[0]) ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private static RawResponse parse(String head, InputStream in) throws IOException {
		String[] lines = head.split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		byte[] body = headers.containsKey("content-length")
				? in.readNBytes(Integer.parseInt(headers.get("content-length"))) : new byte[0];
		return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	void assertProblem(int expectedStatus, String type) {
		assertThat(this.status).isEqualTo(expectedStatus);
		assertThat(this.headers).containsEntry("content-type", "application/problem+json");
		JsonNode problem = json.readTree(this.body);
		assertThat(problem.path("type").asString()).isEqualTo("https://bazaar.example/problems/" + type);
		assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
	}

}
