package io.bazaar.notification.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Provides the task scheduler (bean {@code taskScheduler}) that runs the stream
 * heartbeats and the delivery backlog checks. Consul discovery brings schedulers of its
 * own, so users ask for this one by name.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

}
