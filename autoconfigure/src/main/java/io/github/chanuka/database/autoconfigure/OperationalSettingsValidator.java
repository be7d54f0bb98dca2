package io.github.chanuka.database.autoconfigure;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Checks the shutdown drain timeout and the slow-query threshold.
 *
 * @author Chanuka Database
 */
final class OperationalSettingsValidator {

	static final String DRAIN_TIMEOUT = "chanuka.database.shutdown.drain-timeout";

	static final String SLOW_QUERY_THRESHOLD = "chanuka.database.monitoring.slow-query-threshold";

	private OperationalSettingsValidator() {
	}

	static Duration drainTimeout(@Nullable Duration timeout) {
		ConfigurationProblems problems = new ConfigurationProblems();
		checkDrainTimeout(timeout, problems);
		problems.throwIfAny();
		return Objects.requireNonNull(timeout, "checked");
	}

	static void checkDrainTimeout(@Nullable Duration timeout, ConfigurationProblems problems) {
		if (timeout == null || timeout.isNegative()) {
			problems.add(DRAIN_TIMEOUT, String.valueOf(timeout), "The drain timeout cannot be negative",
					"Set " + DRAIN_TIMEOUT + " to a duration such as 30s, or 0 to close at once.");
		}
	}

	static Duration slowQueryThreshold(@Nullable Duration threshold) {
		ConfigurationProblems problems = new ConfigurationProblems();
		checkSlowQueryThreshold(threshold, problems);
		problems.throwIfAny();
		return Objects.requireNonNull(threshold, "checked");
	}

	static void checkSlowQueryThreshold(@Nullable Duration threshold, ConfigurationProblems problems) {
		if (threshold == null || threshold.isNegative() || threshold.isZero()) {
			problems.add(SLOW_QUERY_THRESHOLD, String.valueOf(threshold), "The slow-query threshold must be positive",
					"Set " + SLOW_QUERY_THRESHOLD + " to a duration such as 1s.");
		}
	}

}
