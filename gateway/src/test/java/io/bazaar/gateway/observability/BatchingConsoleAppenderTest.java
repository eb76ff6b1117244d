package io.bazaar.gateway.observability;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BatchingConsoleAppenderTest {

	private final LoggerContext context = new LoggerContext();

	private final Logger logger = this.context.getLogger("io.bazaar.gateway.access");

	private final List<byte[]> writes = new ArrayList<>();

	private final BatchingConsoleAppender appender = new BatchingConsoleAppender();

	@BeforeEach
	void configure() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%msg%n");
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		this.appender.setContext(this.context);
		this.appender.setName("ACCESS_LOG");
		this.appender.setEncoder(encoder);
		this.appender.setOutput(() -> new PrintStream(new ByteArrayOutputStream() {
			@Override
			public void flush() {
				synchronized (BatchingConsoleAppenderTest.this.writes) {
					BatchingConsoleAppenderTest.this.writes.add(toByteArray());
				}
				reset();
			}
		}));
	}

	@AfterEach
	void stop() {
		this.appender.stop();
	}

	@Test
	void writesTheQueuedLinesInOrderWithOneWritePerInterval() {
		this.appender.setFlushIntervalMillis(200);
		this.appender.start();

		for (int i = 1; i <= 50; i++) {
			this.appender.doAppend(event("GET /api/products/" + i + " 200"));
		}

		await().atMost(Duration.ofSeconds(5)).until(() -> written().size() == 50);
		assertThat(written()).first().isEqualTo("GET /api/products/1 200");
		assertThat(written()).last().isEqualTo("GET /api/products/50 200");
		synchronized (this.writes) {
			assertThat(this.writes).as("writes for 50 lines queued within one interval").hasSizeLessThanOrEqualTo(2);
		}
	}

	@Test
	void dropsAndReportsLinesBeyondItsCapacityRatherThanMakingTheCallerWait() {
		this.appender.setCapacity(10);
		this.appender.setFlushIntervalMillis(60_000);
		this.appender.start();

		for (int i = 1; i <= 15; i++) {
			this.appender.doAppend(event("line " + i));
		}
		this.appender.writeQueued();

		assertThat(written()).containsExactly("line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7",
				"line 8", "line 9", "line 10");
		assertThat(this.context.getStatusManager().getCopyOfStatusList()).map(Status::getMessage)
			.contains("5 access lines dropped: more than 10 were waiting to be written");

		this.appender.doAppend(event("line 16"));
		this.appender.writeQueued();
		assertThat(written()).last().as("room again once the queue is written").isEqualTo("line 16");
	}

	@Test
	void writesWhatIsStillQueuedWhenStopped() {
		this.appender.setFlushIntervalMillis(60_000);
		this.appender.start();
		this.appender.doAppend(event("the last request"));

		this.appender.stop();

		assertThat(written()).containsExactly("the last request");
	}

	@Test
	void keepsTheMessageAsItWasWhenTheLineWasQueued() {
		this.appender.setFlushIntervalMillis(60_000);
		this.appender.start();
		StringBuilder argument = new StringBuilder("before");
		LoggingEvent event = new LoggingEvent(Logger.class.getName(), this.logger, Level.INFO, "{}", null,
				new Object[] { argument });

		this.appender.doAppend(event);
		argument.replace(0, argument.length(), "after");
		this.appender.writeQueued();

		assertThat(written()).containsExactly("before");
	}

	@Test
	void refusesToStartWithoutAnEncoder() {
		BatchingConsoleAppender withoutEncoder = new BatchingConsoleAppender();
		withoutEncoder.setContext(this.context);
		withoutEncoder.setName("NO_ENCODER");

		withoutEncoder.start();

		assertThat(withoutEncoder.isStarted()).isFalse();
	}

	private LoggingEvent event(String message) {
		return new LoggingEvent(Logger.class.getName(), this.logger, Level.INFO, message, null, null);
	}

	private List<String> written() {
		synchronized (this.writes) {
			return this.writes.stream()
				.map((bytes) -> new String(bytes, StandardCharsets.UTF_8))
				.flatMap(String::lines)
				.toList();
		}
	}

}
