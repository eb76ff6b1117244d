package io.bazaar.runtime.kafka;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Reports whether the Kafka cluster answers, with its id and broker count. It belongs to
 * the overall health only: a service whose broker is away keeps serving reads, and its
 * outbox catches up later, so Kafka is never part of readiness or liveness.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final KafkaAdmin kafkaAdmin;

	private final Duration timeout;

	private volatile AdminClient client;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin, Duration timeout) {
		super("Kafka health check failed");
		this.kafkaAdmin = kafkaAdmin;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = client()
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		long wait = this.timeout.toMillis();
		String clusterId = cluster.clusterId().get(wait, TimeUnit.MILLISECONDS);
		int brokers = cluster.nodes().get(wait, TimeUnit.MILLISECONDS).size();
		builder.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers);
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
