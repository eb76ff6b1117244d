package io.bazaar.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import io.bazaar.testsupport.kafka.KafkaBroker;
import io.bazaar.testsupport.postgres.IsolatedDatabase;
import io.bazaar.testsupport.postgres.PostgresServer;
import io.bazaar.testsupport.redis.RedisServer;

/**
 * Everything one running service needs from the outside world in a test: its own fresh
 * database (when it has one), its own Redis database and the shared Kafka broker, as
 * Spring properties.
 *
 * @param database the service's database, or {@code null} for a service without one
 * @param redisDatabase the logical Redis database handed to the service
 * @param redis the Redis server
 * @param kafka the Kafka broker
 */
public record ServiceInfrastructure(IsolatedDatabase database, RedisServer redis, int redisDatabase,
		KafkaBroker kafka) {

	/**
	 * Properties that keep a test instance off Consul; registration tests point it at a
	 * double.
	 */
	public static final String CONSUL_OFF = "spring.cloud.consul.enabled=false";

	public static ServiceInfrastructure forService(String serviceName, boolean withDatabase) {
		IsolatedDatabase database = withDatabase ? IsolatedDatabase.create(PostgresServer.shared(), serviceName) : null;
		RedisServer redis = RedisServer.shared();
		return new ServiceInfrastructure(database, redis, redis.freshDatabase(), KafkaBroker.shared());
	}

	/** The Spring properties that connect a service to this infrastructure. */
	public Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (this.database != null) {
			properties.put("spring.datasource.url", this.database.jdbcUrl());
			properties.put("spring.datasource.username", this.database.username());
			properties.put("spring.datasource.password", this.database.password());
		}
		properties.put("spring.data.redis.host", this.redis.host());
		properties.put("spring.data.redis.port", this.redis.port());
		properties.put("spring.data.redis.database", this.redisDatabase);
		properties.put("spring.kafka.bootstrap-servers", this.kafka.bootstrapServers());
		return properties;
	}

}
