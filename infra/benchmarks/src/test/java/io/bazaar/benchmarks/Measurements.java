package io.bazaar.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.sun.management.OperatingSystemMXBean;
import io.gatling.javaapi.core.Session;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Response times of the measured requests by label (warm-up requests are not recorded),
 * and the CPU time this load generator used, appended as tab-separated lines to a results
 * file that run.sh reads. Gatling's own report covers every request, warm-up included.
 */
final class Measurements {

	static final String RESPONSE_TIME = "responseTime";

	private final String simulation;

	private final Path resultsFile;

	private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

	private final Map<String, Double> measuredSeconds = new ConcurrentHashMap<>();

	private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	private long cpuNanosAtStart;

	private long wallNanosAtStart;

	Measurements(String simulation, Path resultsFile) {
		this.simulation = simulation;
		this.resultsFile = resultsFile;
	}

	/** Declares a label and how long its requests are sent, for the achieved rate. */
	void expect(String label, double seconds) {
		this.histograms.computeIfAbsent(label, (key) -> new ConcurrentHistogram(60_000, 3));
		this.failures.computeIfAbsent(label, (key) -> new LongAdder());
		this.measuredSeconds.merge(label, seconds, Double::sum);
	}

	Session record(String label, Session session) {
		if (session.isFailed() || !session.contains(RESPONSE_TIME)) {
			this.failures.get(label).increment();
		}
		else {
			this.histograms.get(label).recordValue(Math.max(0, session.getInt(RESPONSE_TIME)));
		}
		return session;
	}

	void start() {
		this.cpuNanosAtStart = this.os.getProcessCpuTime();
		this.wallNanosAtStart = System.nanoTime();
	}

	void finish() {
		double cpuSeconds = (this.os.getProcessCpuTime() - this.cpuNanosAtStart) / 1e9;
		double wallSeconds = (System.nanoTime() - this.wallNanosAtStart) / 1e9;
		StringBuilder lines = new StringBuilder();
		this.histograms.forEach((label,
				histogram) -> lines.append(String.format(Locale.ROOT,
						"latency\t%s\t%s\t%d\t%d\t%.1f\t%d\t%d\t%d\t%d\t%.2f%n", this.simulation, label,
						histogram.getTotalCount(), this.failures.get(label).sum(), this.measuredSeconds.get(label),
						histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
						histogram.getValueAtPercentile(99), histogram.getMaxValue(), histogram.getMean())));
		lines.append(String.format(Locale.ROOT, "client-cpu\t%s\t%.2f\t%.2f\t%d%n", this.simulation, cpuSeconds,
				wallSeconds, Runtime.getRuntime().availableProcessors()));
		try {
			Files.writeString(this.resultsFile, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.print(lines);
	}

}
