package io.bazaar.order.support;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.bazaar.testsupport.kafka.KafkaRecords;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads whole topics and writes single records, straight from and to the broker. */
public final class KafkaTopics {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String bootstrapServers;

	public KafkaTopics(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/** Creates the topics, each with {@code partitions} partitions. */
	public void create(int partitions, String... topics) {
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			admin
				.createTopics(Arrays.stream(topics).map((topic) -> new NewTopic(topic, partitions, (short) 1)).toList())
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create " + Arrays.toString(topics), ex);
		}
	}

	/**
	 * Whether the consumer group has committed offsets at the end of every partition of
	 * the topic: everything published so far was consumed.
	 */
	public boolean consumedAll(String group, String topic) {
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(topic)
				.partitions()
				.forEach((partition) -> latest.put(new TopicPartition(topic, partition.partition()),
						OffsetSpec.latest()));
			Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
			return ends.entrySet()
				.stream()
				.allMatch((end) -> end.getValue().offset() == 0 || (committed.get(end.getKey()) != null
						&& committed.get(end.getKey()).offset() >= end.getValue().offset()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the offsets of " + group, ex);
		}
	}

	/** Every record currently on the topic, partition by partition, in offset order. */
	public List<ConsumerRecord<String, String>> readAll(String topic) {
		return new KafkaRecords(this.bootstrapServers).readAll(topic);
	}

	/** The records of one order (record key), in offset order. */
	public List<ConsumerRecord<String, String>> readAll(String topic, UUID orderId) {
		return readAll(topic).stream().filter((record) -> orderId.toString().equals(record.key())).toList();
	}

	/** The bodies of one order's events, parsed. */
	public List<JsonNode> events(String topic, UUID orderId) {
		return readAll(topic, orderId).stream().map((record) -> json.readTree(record.value())).toList();
	}

	/** The types of one order's events, in the order they were published. */
	public List<String> types(String topic, UUID orderId) {
		return events(topic, orderId).stream().map((event) -> event.path("type").asString()).toList();
	}

	public void send(String topic, String key, String value, Map<String, String> headers) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
			ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
			headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
			producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send to " + topic, ex);
		}
	}

	public static String header(ConsumerRecord<?, ?> record, String name) {
		return KafkaRecords.header(record, name);
	}

}
