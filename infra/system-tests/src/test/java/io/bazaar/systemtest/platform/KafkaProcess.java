package io.bazaar.systemtest.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker as a process of its own (the jars the tests run with), so
 * that it can be stopped and started again on the same port and data, unlike the
 * in-process broker. It runs with the local platform's broker configuration
 * ({@value #CONFIGURATION}, filled in with its ports and data directory). Topics are
 * created only by the services that own them.
 */
public final class KafkaProcess extends ExternalProcess {

	static final String CONFIGURATION = "infra/local/kafka/server.properties";

	private final Path properties;

	private KafkaProcess(int port, Path properties, Path log) {
		super("Kafka", port, log);
		this.properties = properties;
	}

	static KafkaProcess create(Path directory, int port, int controllerPort) {
		Path properties = directory.resolve("kafka-server.properties");
		Path data = directory.resolve("kafka-data");
		Path log = directory.resolve("kafka.log");
		try {
			Files.writeString(properties,
					Files.readString(Platform.root().resolve(CONFIGURATION))
						.replace("@PORT@", Integer.toString(port))
						.replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
						.replace("@DATA_DIR@", data.toString()));
			Process format = new ProcessBuilder(java("kafka.tools.StorageTool", "format", "-t",
					Uuid.randomUuid().toString(), "-c", properties.toString()))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			if (format.waitFor() != 0) {
				throw new IllegalStateException("Formatting Kafka's storage failed; see " + log);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return new KafkaProcess(port, properties, log);
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + port();
	}

	@Override
	List<String> command() {
		return java("kafka.Kafka", this.properties.toString());
	}

	private static List<String> java(String mainClass, String... arguments) {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx384m", "-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(arguments));
		return command;
	}

}
