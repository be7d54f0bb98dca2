package io.github.chanuka.database.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.chanuka.database.alert.AlertEvaluator;
import io.github.chanuka.database.alert.AlertMetric;
import io.github.chanuka.database.alert.AlertRule;
import io.github.chanuka.database.alert.AlertSeverity;
import io.github.chanuka.database.alert.PoolSaturationRule;
import io.github.chanuka.database.alert.ThresholdAlertRule;
import io.github.chanuka.database.ops.DatabaseStatusService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of alert rules: the built-in rules, rules configured under
 * {@code chanuka.database.alerts.rules} and {@link AlertRule} beans, evaluated after
 * every node monitor cycle against the status report.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@AutoConfiguration(after = ChanukaOperationsAutoConfiguration.class)
@ConditionalOnBean(DatabaseStatusService.class)
public final class ChanukaAlertsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "chanuka.database.alerts.enabled", matchIfMissing = true)
	AlertEvaluator chanukaAlertEvaluator(ChanukaDatabaseProperties properties, ObjectProvider<AlertRule> userRules,
			DatabaseStatusService status, ApplicationEventPublisher publisher) {
		Map<String, AlertRule> rules = new LinkedHashMap<>();
		builtInRules(properties).forEach((rule) -> rules.put(rule.name(), rule));
		List<ChanukaDatabaseProperties.Alerts.Rule> configured = properties.getAlerts().getRules();
		for (int i = 0; i < configured.size(); i++) {
			AlertRule rule = AlertRuleSettings.rule(AlertRuleSettings.RULES + "[" + i + "]", configured.get(i),
					properties.getAlerts().getPoolUtilizationWindow());
			rules.put(rule.name(), rule);
		}
		userRules.orderedStream().forEach((rule) -> rules.put(rule.name(), rule));
		return new AlertEvaluator(new ArrayList<>(rules.values()), status::snapshot, publisher);
	}

	private static List<AlertRule> builtInRules(ChanukaDatabaseProperties properties) {
		Duration cooldown = Duration.ofMinutes(5);
		double maxLagSeconds = properties.getRouting().getMaxReplicationLag().toMillis() / 1000.0;
		return List.of(
				new ThresholdAlertRule("circuit-open", AlertMetric.CIRCUIT_OPEN, 0, AlertSeverity.CRITICAL, cooldown),
				new ThresholdAlertRule("node-down", AlertMetric.NODE_DOWN, 0, AlertSeverity.HIGH, cooldown),
				new ThresholdAlertRule("replication-lag", AlertMetric.REPLICATION_LAG, maxLagSeconds,
						AlertSeverity.HIGH, cooldown),
				new PoolSaturationRule("pool-utilization", 90, properties.getAlerts().getPoolUtilizationWindow(),
						AlertSeverity.HIGH, cooldown),
				new ThresholdAlertRule("latency", AlertMetric.LATENCY, 2, AlertSeverity.MEDIUM, cooldown),
				new ThresholdAlertRule("error-rate", AlertMetric.ERROR_RATE, 5, AlertSeverity.HIGH, cooldown),
				new ThresholdAlertRule("backup-failed", AlertMetric.BACKUP_FAILED, 0, AlertSeverity.HIGH, cooldown),
				new ThresholdAlertRule("long-running-query", AlertMetric.LONG_RUNNING_QUERIES, 0,
						AlertSeverity.MEDIUM, cooldown),
				new ThresholdAlertRule("idle-in-transaction", AlertMetric.IDLE_IN_TRANSACTION, 0,
						AlertSeverity.MEDIUM, cooldown),
				new ThresholdAlertRule("blocked-sessions", AlertMetric.BLOCKED_SESSIONS, 0, AlertSeverity.HIGH,
						cooldown));
	}

}
