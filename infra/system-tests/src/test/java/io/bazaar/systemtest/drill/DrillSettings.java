package io.bazaar.systemtest.drill;

import java.time.Duration;

/**
 * How hard and how long the drills push. {@code -Ddrill.mode=full} runs the manual mode:
 * more orders for longer, and outages as long as the drills describe; the
 * default, short mode fits a CI run. Each value can be overridden on its own, e.g.
 * {@code -Ddrill.rate=12}.
 *
 * @param ordersPerSecond arrival rate of new orders
 * @param traffic how long orders keep arriving
 * @param disruptAfter when, after the traffic started, the failure is injected
 * @param redisOutage how long Redis stays stopped
 * @param kafkaOutage how long the Kafka broker stays stopped
 * @param notificationOutage how long notification-service stays stopped
 * @param catalogOutage how long the killed catalog-service instance stays dead before it
 * is restarted
 * @param patience how long clients keep retrying, and how long the platform has to settle
 * once the traffic has ended
 */
public record DrillSettings(double ordersPerSecond, Duration traffic, Duration disruptAfter, Duration redisOutage,
		Duration kafkaOutage, Duration notificationOutage, Duration catalogOutage, Duration patience) {

	public static DrillSettings fromSystemProperties() {
		boolean full = "full".equals(System.getProperty("drill.mode", "short"));
		return new DrillSettings(Double.parseDouble(System.getProperty("drill.rate", full ? "8" : "3")),
				seconds("drill.traffic", full ? 90 : 25), seconds("drill.disrupt-after", full ? 15 : 5),
				seconds("drill.redis-outage", full ? 30 : 10), seconds("drill.kafka-outage", full ? 20 : 8),
				seconds("drill.notification-outage", full ? 60 : 20), seconds("drill.catalog-outage", full ? 30 : 10),
				seconds("drill.patience", 180));
	}

	private static Duration seconds(String property, int fallback) {
		return Duration.ofSeconds(Long.parseLong(System.getProperty(property, String.valueOf(fallback))));
	}

}
