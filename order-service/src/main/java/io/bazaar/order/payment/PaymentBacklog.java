package io.bazaar.order.payment;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.bazaar.order.config.OrdersProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The payment queue's backlog as the gauge {@code bazaar.payments.backlog}: tasks
 * published but not yet taken by the worker group, over all partitions and all instances.
 * The Kafka clients' own {@code kafka.consumer.fetch.manager.records.lag.max} shows each
 * running worker's lag; this gauge also counts while no worker is running.
 */
@Component
class PaymentBacklog implements SchedulingConfigurer, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(PaymentBacklog.class);

	private static final long TIMEOUT_SECONDS = 5;

	private final KafkaAdmin kafkaAdmin;

	private final String topic;

	private final String group;

	private final AtomicLong backlog = new AtomicLong();

	private final Duration refreshEvery;

	private volatile AdminClient client;

	PaymentBacklog(KafkaAdmin kafkaAdmin, OrdersProperties properties, MeterRegistry registry) {
		this.kafkaAdmin = kafkaAdmin;
		this.refreshEvery = properties.payment().backlogRefresh();
		this.topic = properties.messaging().paymentTasks();
		this.group = properties.messaging().paymentGroup();
		Gauge.builder("bazaar.payments.backlog", this.backlog, AtomicLong::get)
			.description("Payment tasks waiting for a worker")
			.tag("topic", this.topic)
			.register(registry);
	}

	long current() {
		return this.backlog.get();
	}

	/** Recomputes the gauge every {@code orders.payment.backlog-refresh}. */
	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::refresh, this.refreshEvery);
	}

	void refresh() {
		try {
			this.backlog.set(measure());
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.debug("Payment backlog not measured this time", ex);
		}
	}

	private long measure() throws Exception {
		AdminClient admin = client();
		TopicDescription description = admin.describeTopics(List.of(this.topic))
			.allTopicNames()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.get(this.topic);
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
		description.partitions().forEach((partition) -> {
			TopicPartition topicPartition = new TopicPartition(this.topic, partition.partition());
			latest.put(topicPartition, OffsetSpec.latest());
			earliest.put(topicPartition, OffsetSpec.earliest());
		});
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(this.group)
			.partitionsToOffsetAndMetadata()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest)
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest)
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		long total = 0;
		for (TopicPartition partition : latest.keySet()) {
			OffsetAndMetadata position = committed.get(partition);
			long consumed = (position != null) ? position.offset() : starts.get(partition).offset();
			total += Math.max(0, ends.get(partition).offset() - consumed);
		}
		return total;
	}

	private AdminClient client() {
		AdminClient current = this.client;
		if (current == null) {
			synchronized (this) {
				current = this.client;
				if (current == null) {
					current = AdminClient.create(this.kafkaAdmin.getConfigurationProperties());
					this.client = current;
				}
			}
		}
		return current;
	}

	@Override
	public void destroy() {
		AdminClient current = this.client;
		if (current != null) {
			current.close(Duration.ofSeconds(1));
		}
	}

}
