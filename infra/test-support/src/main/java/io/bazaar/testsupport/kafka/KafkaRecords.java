package io.bazaar.testsupport.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads what is on a topic straight from the broker, as a test checks what a service
 * published (dead letters with their {@code kafka_dlt-*} headers, say), and publishes
 * single records.
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

	/** Publishes one record, as a producer of the topic would. */
	public void send(String topic, String key, String value) {
		publish(new ProducerRecord<>(topic, key, value));
	}

	/**
	 * Publishes a record to a dead letter topic as Spring Kafka's dead letter publisher
	 * leaves it once a consumer gave up on it: unchanged, with the {@code kafka_dlt-*}
	 * headers of its origin and of the exception.
	 * @param headers the record's own headers ({@code eventId}, say)
	 */
	public void publishDeadLetter(String deadLetterTopic, String originTopic, String key, String value,
			Class<? extends Exception> exception, String message, Map<String, String> headers) {
		ProducerRecord<String, String> record = new ProducerRecord<>(deadLetterTopic, 0, key, value);
		headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
		record.headers().add("kafka_dlt-original-topic", originTopic.getBytes(StandardCharsets.UTF_8));
		record.headers().add("kafka_dlt-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(0).array());
		record.headers().add("kafka_dlt-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(42).array());
		record.headers()
			.add("kafka_dlt-exception-fqcn", "org.springframework.kafka.listener.ListenerExecutionFailedException"
				.getBytes(StandardCharsets.UTF_8));
		record.headers().add("kafka_dlt-exception-cause-fqcn", exception.getName().getBytes(StandardCharsets.UTF_8));
		record.headers().add("kafka_dlt-exception-message", message.getBytes(StandardCharsets.UTF_8));
		publish(record);
	}

	private void publish(ProducerRecord<String, String> record) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers), new StringSerializer(),
				new StringSerializer())) {
			producer.send(record).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish to " + record.topic(), ex);
		}
	}

	/** A header's value as text, or {@code null} when the record has none. */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
