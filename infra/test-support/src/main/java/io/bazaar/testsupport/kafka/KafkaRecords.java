package io.bazaar.testsupport.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what is on a topic straight from the broker, as a test checks what a service
 * published (dead letters with their {@code kafka_dlt-*} headers, say).
 *
 * @param bootstrapServers the broker
 */
public record KafkaRecords(String bootstrapServers) {

	/** Every record now on the topic with the given key, in offset order. */
	public List<ConsumerRecord<String, String>> readAll(String topic, String key) {
		return readAll(topic).stream().filter((record) -> key.equals(record.key())).toList();
	}

	/** Every record now on the topic, partition by partition, in offset order. */
	public List<ConsumerRecord<String, String>> readAll(String topic) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StringDeserializer())) {
			List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
			if (partitions == null || partitions.isEmpty()) {
				return List.of();
			}
			List<TopicPartition> assigned = partitions.stream()
				.map((partition) -> new TopicPartition(topic, partition.partition()))
				.toList();
			consumer.assign(assigned);
			consumer.seekToBeginning(assigned);
			Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(10));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (assigned.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not read " + topic + " to its end");
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	/** A header's value as text, or {@code null} when the record has none. */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
