package io.bazaar.runtime.diagnostics;

import java.util.Locale;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.PlaceholderResolutionException;

/**
 * Explains a start-up that failed because a required setting, written in configuration as
 * a placeholder without a default (such as a secret), was not given.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<PlaceholderResolutionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PlaceholderResolutionException cause) {
		String setting = cause.getPlaceholder();
		String description = String.format("The required setting '%s' is not set.", setting);
		String action = String.format(
				"Give it as the environment variable %s (or as --%s=... on the command line); secrets are never "
						+ "defaulted in code or configuration files.",
				setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), setting);
		return new FailureAnalysis(description, action, rootFailure);
	}

}
