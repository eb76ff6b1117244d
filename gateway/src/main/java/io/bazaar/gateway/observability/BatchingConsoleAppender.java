package io.bazaar.gateway.observability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

/**
 * Writes the access log to standard output in batches, off the request path. A request's
 * thread only queues its event (no lock, no wake-up of another thread); a writer thread
 * wakes every {@code flushIntervalMillis}, encodes what has queued and writes it out with
 * one call. Logback's AsyncAppender signals its worker and writes once per line: at a
 * thousand requests a second that hand-off and the write were most of what the access log
 * still cost the gateway (infra/benchmarks/RESULTS.md, run 12).
 * <p>
 * Lines appear up to one interval late. When more than {@code capacity} lines wait (the
 * console cannot keep up), further ones are dropped rather than making requests wait, and
 * counted: the writer reports how many with the next batch.
 */
public class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	private final ConcurrentLinkedQueue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicLong dropped = new AtomicLong();

	private final ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);

	private Encoder<ILoggingEvent> encoder;

	private int capacity = 8192;

	private long flushIntervalMillis = 100;

	private volatile Thread writer;

	private Supplier<PrintStream> output = () -> System.out;

	public void setEncoder(Encoder<ILoggingEvent> encoder) {
		this.encoder = encoder;
	}

	public void setCapacity(int capacity) {
		this.capacity = capacity;
	}

	public void setFlushIntervalMillis(long flushIntervalMillis) {
		this.flushIntervalMillis = flushIntervalMillis;
	}

	/** Where the lines go instead of standard output (for tests). */
	void setOutput(Supplier<PrintStream> output) {
		this.output = output;
	}

	@Override
	public void start() {
		if (this.encoder == null) {
			addError("No encoder set for the appender named [" + this.name + "].");
			return;
		}
		if (this.capacity < 1 || this.flushIntervalMillis < 1) {
			addError("capacity and flushIntervalMillis must be positive for the appender named [" + this.name + "].");
			return;
		}
		Thread thread = new Thread(this::writeUntilStopped, "access-log-writer");
		thread.setDaemon(true);
		this.writer = thread;
		super.start();
		thread.start();
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (this.queued.incrementAndGet() > this.capacity) {
			this.queued.decrementAndGet();
			this.dropped.incrementAndGet();
			return;
		}
		// the message, thread name and MDC as they are now, not when the writer gets to
		// it
		event.prepareForDeferredProcessing();
		this.queue.add(event);
	}

	@Override
	public void stop() {
		if (!isStarted()) {
			return;
		}
		super.stop();
		Thread thread = this.writer;
		LockSupport.unpark(thread);
		try {
			thread.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void writeUntilStopped() {
		long interval = TimeUnit.MILLISECONDS.toNanos(this.flushIntervalMillis);
		while (isStarted()) {
			LockSupport.parkNanos(this, interval);
			writeQueued();
		}
		writeQueued();
	}

	/**
	 * Writes every queued line with one write, and reports the lines dropped since the
	 * last.
	 */
	void writeQueued() {
		ILoggingEvent event;
		while ((event = this.queue.poll()) != null) {
			this.queued.decrementAndGet();
			try {
				this.batch.writeBytes(this.encoder.encode(event));
			}
			catch (RuntimeException ex) {
				addError("Could not encode an access line", ex);
			}
		}
		long droppedNow = this.dropped.getAndSet(0);
		if (droppedNow > 0) {
			addWarn(droppedNow + " access lines dropped: more than " + this.capacity + " were waiting to be written");
		}
		if (this.batch.size() == 0) {
			return;
		}
		PrintStream out = this.output.get();
		try {
			this.batch.writeTo(out);
			out.flush();
		}
		catch (IOException ex) {
			addError("Could not write the access log", ex);
		}
		this.batch.reset();
	}

}
