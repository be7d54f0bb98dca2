package io.github.chanuka.database.autoconfigure;

import java.time.Duration;
import java.util.Objects;

import io.github.chanuka.database.alert.AlertMetric;
import io.github.chanuka.database.alert.AlertRule;
import io.github.chanuka.database.alert.PoolSaturationRule;
import io.github.chanuka.database.alert.ThresholdAlertRule;

import org.springframework.util.StringUtils;

/**
 * Checks and builds the alert rules configured under
 * {@code chanuka.database.alerts.rules}.
 *
 * @author Chanuka Database
 */
final class AlertRuleSettings {

	static final String RULES = "chanuka.database.alerts.rules";

	static final String POOL_UTILIZATION_WINDOW = "chanuka.database.alerts.pool-utilization-window";

	private AlertRuleSettings() {
	}

	/**
	 * Check every configured rule, recording every bad value.
	 * @param alerts the alert properties
	 * @param problems where problems are recorded
	 */
	static void check(ChanukaDatabaseProperties.Alerts alerts, ConfigurationProblems problems) {
		Duration window = alerts.getPoolUtilizationWindow();
		if (window == null || window.isNegative() || window.isZero()) {
			problems.add(POOL_UTILIZATION_WINDOW, String.valueOf(window),
					"The pool utilisation window must be longer than 0",
					"Set " + POOL_UTILIZATION_WINDOW + " to how long a pool may stay above the pool-utilization "
							+ "threshold before the alert fires, such as 5m; threads waiting for a connection fire "
							+ "it at once whatever the window.");
		}
		for (int i = 0; i < alerts.getRules().size(); i++) {
			check(RULES + "[" + i + "]", alerts.getRules().get(i), problems);
		}
	}

	/**
	 * Build a configured rule, failing with every bad value of it.
	 * @param key the rule's key, such as {@code chanuka.database.alerts.rules[0]}
	 * @param rule the rule's properties
	 * @param poolUtilizationWindow how long pool-utilization rules wait
	 * @return the rule
	 */
	static AlertRule rule(String key, ChanukaDatabaseProperties.Alerts.Rule rule, Duration poolUtilizationWindow) {
		ConfigurationProblems problems = new ConfigurationProblems();
		check(key, rule, problems);
		problems.throwIfAny();
		if (rule.getMetric() == AlertMetric.POOL_UTILIZATION) {
			return new PoolSaturationRule(Objects.requireNonNull(rule.getName(), "checked").trim(),
					Objects.requireNonNull(rule.getThreshold(), "checked"), poolUtilizationWindow, rule.getSeverity(),
					Objects.requireNonNull(rule.getCooldown(), "checked"));
		}
		return new ThresholdAlertRule(Objects.requireNonNull(rule.getName(), "checked").trim(),
				Objects.requireNonNull(rule.getMetric(), "checked"),
				Objects.requireNonNull(rule.getThreshold(), "checked"), rule.getSeverity(),
				Objects.requireNonNull(rule.getCooldown(), "checked"));
	}

	private static void check(String key, ChanukaDatabaseProperties.Alerts.Rule rule, ConfigurationProblems problems) {
		String name = StringUtils.hasText(rule.getName()) ? rule.getName().trim() : key;
		if (!StringUtils.hasText(rule.getName())) {
			problems.add(key + ".name", null, "An alert rule needs a name",
					"Set " + key + ".name, such as slow-primary; use a built-in rule's name to replace it.");
		}
		if (rule.getMetric() == null) {
			problems.add(key + ".metric", null, "Alert rule '" + name + "' watches no metric",
					"Set " + key + ".metric to latency, pool-utilization, replication-lag, circuit-open, "
							+ "error-rate, slow-queries, node-down, backup-failed, long-running-queries, "
							+ "idle-in-transaction or blocked-sessions.");
		}
		if (rule.getThreshold() == null || rule.getThreshold() < 0) {
			problems.add(key + ".threshold", (rule.getThreshold() != null) ? String.valueOf(rule.getThreshold()) : null,
					"Alert rule '" + name + "' needs a threshold of 0 or more",
					"Set " + key + ".threshold: seconds for latency and replication-lag, percent for "
							+ "pool-utilization and error-rate, a count for slow-queries, backup-failed and the "
							+ "session metrics, 0 for circuit-open and node-down.");
		}
		if (rule.getCooldown() == null || rule.getCooldown().isNegative()) {
			problems.add(key + ".cooldown", String.valueOf(rule.getCooldown()), "The cooldown cannot be negative",
					"Set " + key + ".cooldown to a duration such as 5m.");
		}
	}

}
