package io.github.chanuka.database.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.SslMode;
import io.github.chanuka.database.pool.DatabaseSettings;

/**
 * Turns a {@link DatabaseStatus} into actionable advice, each line naming the setting or
 * action that fixes it.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
final class Recommendations {

	private static final int HIGH_UTILIZATION_PERCENT = 90;

	private Recommendations() {
	}

	private static void sessionAdvice(DatabaseStatus.Node node, List<String> advice) {
		DatabaseStatus.Sessions sessions = node.sessions();
		if (sessions == null) {
			return;
		}
		if (sessions.blocked() > 0) {
			advice.add(node.name() + ": " + sessions.blocked() + " session(s) waiting for a lock another session holds:"
					+ " run db sessions to see the blocking chain and the statement that would end the blocker");
		}
		if (sessions.idleInTransaction() > 0) {
			advice.add(node.name() + ": " + sessions.idleInTransaction() + " session(s) idle in a transaction over"
					+ " chanuka.database.monitoring.idle-in-transaction-threshold: they hold locks and hold back"
					+ " vacuum; run db sessions to find the application, and commit or roll back promptly in its code");
		}
		if (sessions.longRunning() > 0) {
			advice.add(node.name() + ": " + sessions.longRunning() + " statement(s) running over"
					+ " chanuka.database.monitoring.long-query-threshold: run db sessions to see them and db indexes"
					+ " for missing indexes");
		}
	}

	static List<String> of(DatabaseStatus status, DatabaseSettings settings, Duration maxReplicationLag) {
		List<String> advice = new ArrayList<>();
		for (DatabaseStatus.Node node : status.nodes()) {
			if ("DOWN".equals(node.state())) {
				advice.add(node.name() + " is down (" + node.reason() + "): "
						+ ("primary".equals(node.role()) ? "writes fail until it is back; check the server"
								: "reads use the other nodes; check the replica and its replication"));
			}
			if ("OPEN".equals(node.circuitBreaker())) {
				advice.add("circuit breaker of " + node.name() + " is open: calls fail fast until it half-opens; "
						+ "check the server, or tune resilience4j.circuitbreaker.instances.chanuka-database-"
						+ node.name());
			}
			if (node.replicationLagMs() != null && node.replicationLagMs() > maxReplicationLag.toMillis()) {
				advice.add(node.name() + " lag " + seconds(node.replicationLagMs()) + " > max "
						+ seconds(maxReplicationLag.toMillis())
						+ ": it is skipped for reads; check replay on the replica or raise "
						+ "chanuka.database.routing.max-replication-lag");
			}
			sessionAdvice(node, advice);
			if (node.pool().utilizationPercent() >= HIGH_UTILIZATION_PERCENT) {
				advice.add("pool " + node.pool().name() + " at " + node.pool().utilizationPercent()
						+ "%: raise chanuka.database.pool.maximum-size (now " + node.pool().max()
						+ ") or find slow transactions");
			}
		}
		if (status.queries() != null && status.queries().slow() > 0) {
			advice.add(status.queries().slow() + " slow statement(s) since startup: see the 'Slow statement' "
					+ "warnings in the log and run db indexes");
		}
		if (settings.environment() == DatabaseEnvironment.PRODUCTION && settings.tls().mode() != SslMode.VERIFY_FULL) {
			advice.add("production without verify-full: set chanuka.database.ssl.mode=verify-full and "
					+ "chanuka.database.ssl.root-cert so the server's identity is checked");
		}
		if (settings.environment() == DatabaseEnvironment.PRODUCTION && status.nodes().size() == 1) {
			advice.add("production without read replicas: add chanuka.database.replicas to take reads off "
					+ "the primary and survive its loss for reads");
		}
		return advice;
	}

	private static String seconds(long millis) {
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : String.format("%.1f s", millis / 1000.0);
	}

}
