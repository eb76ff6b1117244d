package io.bazaar.user.auth;

import java.time.Duration;

import io.bazaar.user.config.UsersProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Background work on tokens: every key refresh interval, re-read the signing keys (to
 * learn of rotations by other instances), rotate when due and drop retired keys; every
 * hour, delete refresh-token families that have wholly expired.
 */
@Configuration(proxyBeanMethods = false)
class TokenMaintenance implements SchedulingConfigurer {

	private static final Duration REFRESH_TOKEN_PURGE_INTERVAL = Duration.ofHours(1);

	private static final Logger logger = LoggerFactory.getLogger(TokenMaintenance.class);

	private final SigningKeys keys;

	private final RefreshTokens refreshTokens;

	private final Duration keyRefreshInterval;

	TokenMaintenance(SigningKeys keys, RefreshTokens refreshTokens, UsersProperties properties) {
		this.keys = keys;
		this.refreshTokens = refreshTokens;
		this.keyRefreshInterval = properties.tokens().keyRefreshInterval();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::maintainKeys, this.keyRefreshInterval);
		tasks.addFixedDelayTask(this::purgeRefreshTokens, REFRESH_TOKEN_PURGE_INTERVAL);
	}

	private void maintainKeys() {
		try {
			this.keys.maintain();
		}
		catch (RuntimeException ex) {
			logger.warn("Signing key maintenance failed; keeping the keys already loaded: {}", ex.toString());
		}
	}

	private void purgeRefreshTokens() {
		try {
			int deleted = this.refreshTokens.deleteExpiredFamilies();
			if (deleted > 0) {
				logger.info("Deleted {} expired refresh token(s)", deleted);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Deleting expired refresh tokens failed: {}", ex.toString());
		}
	}

}
