package io.bazaar.order.deadline;

import io.bazaar.order.config.OrdersProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Sweeps for orders past their deadline every {@code orders.deadlines.sweep-interval},
 * unless {@code orders.deadlines.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "orders.deadlines", name = "enabled", matchIfMissing = true)
class DeadlineSchedule implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(DeadlineSchedule.class);

	private final DeadlineSweeper sweeper;

	private final OrdersProperties.Deadlines settings;

	DeadlineSchedule(DeadlineSweeper sweeper, OrdersProperties properties) {
		this.sweeper = sweeper;
		this.settings = properties.deadlines();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::sweep, this.settings.sweepInterval());
	}

	private void sweep() {
		try {
			this.sweeper.sweep();
		}
		catch (RuntimeException ex) {
			logger.warn("Sweeping for orders past their deadline failed; the next sweep tries again: {}",
					ex.toString());
		}
	}

}
