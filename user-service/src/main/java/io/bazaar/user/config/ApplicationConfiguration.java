package io.bazaar.user.config;

import java.time.Clock;
import java.util.Map;

import io.bazaar.user.password.PasswordHashing;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ApplicationConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ApplicationConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Argon2id behind the hashing bulkhead; hashes carry an {@code {argon2}} prefix so
	 * that a later algorithm can be introduced without invalidating stored passwords. The
	 * encoder itself is no bean, so that nothing can hash around the bulkhead.
	 */
	@Bean
	PasswordHashing passwordHashing(UsersProperties properties, MeterRegistry meters) {
		PasswordEncoder argon2 = new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
		UsersProperties.PasswordHashing settings = properties.passwordHashing();
		int permits = (settings.maxConcurrent() > 0) ? settings.maxConcurrent() : PasswordHashing
			.defaultPermits(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
		logger.info("Up to {} password hashes run at once ({})", permits, (settings.maxConcurrent() > 0)
				? "users.password-hashing.max-concurrent" : "sized to processors and heap");
		return new PasswordHashing(argon2, permits, settings.maxWait(), meters);
	}

}
