package io.bazaar.systemtest.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system tests' own broker runs with the local platform's configuration
 * (infra/local/kafka/server.properties) and keeps its data across a restart, as the
 * failure drills need.
 */
class KafkaProcessIntegrationTest {

	@Test
	void startsFromTheSharedConfigurationAndKeepsItsTopicsAcrossARestart(@TempDir Path directory) throws Exception {
		try (KafkaProcess kafka = KafkaProcess.create(directory, freePort(), freePort())) {
			kafka.start();
			try (Admin admin = admin(kafka)) {
				admin.createTopics(List.of(new NewTopic("drill.check.v1", 1, (short) 1))).all().get();
			}
			kafka.stop();
			kafka.start();
			try (Admin admin = admin(kafka)) {
				Set<String> topics = admin.listTopics().names().get();
				assertThat(topics).contains("drill.check.v1");
			}
		}
		assertThat(directory.resolve("kafka-server.properties")).content()
			.contains("listeners=PLAINTEXT://127.0.0.1:")
			.contains("log.dirs=" + directory.resolve("kafka-data"))
			.contains("auto.create.topics.enable=false")
			.doesNotContainPattern("(?m)^[^#].*@[A-Z_]+@");
	}

	private static Admin admin(KafkaProcess kafka) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
