package io.github.chanuka.database.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An alert rule that fires when an {@link AlertMetric} goes above a threshold.
 *
 * @param name the rule name
 * @param metric what the rule watches
 * @param threshold the value above which it fires, in the metric's unit
 * @param severity how urgent a breach is
 * @param cooldown how long it stays quiet after firing
 * @author Chanuka Database
 * @since 0.1.0
 */
public record ThresholdAlertRule(String name, AlertMetric metric, double threshold, AlertSeverity severity,
		Duration cooldown) implements AlertRule {

	@Override
	public List<Breach> evaluate(DatabaseSnapshot snapshot) {
		List<Breach> breaches = new ArrayList<>();
		switch (this.metric) {
			case LATENCY -> {
				if (snapshot.latencyP95() != null) {
					check(null, snapshot.latencyP95().toMillis() / 1000.0, breaches);
				}
			}
			case ERROR_RATE -> {
				if (snapshot.statements() > 0) {
					check(null, 100.0 * snapshot.failedStatements() / snapshot.statements(), breaches);
				}
			}
			case SLOW_QUERIES -> check(null, snapshot.slowStatements(), breaches);
			case BACKUP_FAILED -> check(null, snapshot.failedBackups(), breaches);
			default -> {
				for (DatabaseSnapshot.Node node : snapshot.nodes()) {
					Double value = nodeValue(node);
					if (value != null) {
						check(node.name(), value, breaches);
					}
				}
			}
		}
		return breaches;
	}

	private @Nullable Double nodeValue(DatabaseSnapshot.Node node) {
		return switch (this.metric) {
			case POOL_UTILIZATION ->
				(node.maximumPoolSize() > 0) ? 100.0 * node.activeConnections() / node.maximumPoolSize() : null;
			case REPLICATION_LAG ->
				(node.replicationLag() != null) ? node.replicationLag().toMillis() / 1000.0 : null;
			case CIRCUIT_OPEN -> (node.circuitBreaker() != null)
					? ("OPEN".equals(node.circuitBreaker()) || "FORCED_OPEN".equals(node.circuitBreaker()) ? 1.0 : 0.0)
					: null;
			case NODE_DOWN -> node.up() ? 0.0 : 1.0;
			case LONG_RUNNING_QUERIES ->
				(node.sessions() != null) ? (double) node.sessions().longRunningQueries() : null;
			case IDLE_IN_TRANSACTION ->
				(node.sessions() != null) ? (double) node.sessions().idleInTransaction() : null;
			case BLOCKED_SESSIONS -> (node.sessions() != null) ? (double) node.sessions().blocked() : null;
			default -> null;
		};
	}

	private void check(@Nullable String node, double value, List<Breach> breaches) {
		if (value > this.threshold) {
			breaches.add(new Breach(node, value, this.threshold));
		}
	}

}
