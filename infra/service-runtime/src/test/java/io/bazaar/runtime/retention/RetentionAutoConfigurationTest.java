package io.bazaar.runtime.retention;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class RetentionAutoConfigurationTest {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RetentionAutoConfiguration.class))
		.withUserConfiguration(Database.class);

	@Test
	void purgesTheTablesAServiceDeclaresOnASchedule() {
		this.contexts.withUserConfiguration(Policies.class).run((context) -> {
			assertThat(context).hasSingleBean(RetentionPurger.class).hasSingleBean(RetentionSchedule.class);
			assertThat(context.getBean(RetentionProperties.class).publishedOutboxEvents())
				.isEqualTo(Duration.ofDays(7));
			assertThat(context.getBean(RetentionProperties.class).idempotencyKeys()).isEqualTo(Duration.ofHours(24));
		});
	}

	@Test
	void purgesNothingWhenNoTableIsDeclared() {
		this.contexts.run((context) -> assertThat(context).doesNotHaveBean(RetentionPurger.class)
			.doesNotHaveBean(RetentionSchedule.class)
			.hasSingleBean(RetentionProperties.class));
	}

	@Test
	void doesNotScheduleWhenDisabled() {
		this.contexts.withUserConfiguration(Policies.class)
			.withPropertyValues("platform.retention.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RetentionPurger.class)
				.doesNotHaveBean(RetentionSchedule.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class Database {

		private final DataSource dataSource = mock(DataSource.class);

		@Bean
		JdbcClient jdbcClient() {
			return JdbcClient.create(this.dataSource);
		}

		@Bean
		TransactionTemplate transactionTemplate() {
			return new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Policies {

		@Bean
		RetentionPolicy outboxRetention(RetentionProperties retention) {
			return RetentionPolicy.publishedOutboxEvents(retention.publishedOutboxEvents());
		}

	}

}
