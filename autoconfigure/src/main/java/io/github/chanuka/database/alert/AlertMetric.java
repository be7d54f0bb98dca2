package io.github.chanuka.database.alert;

import java.util.Locale;

/**
 * What a threshold alert rule watches, and in which unit its threshold is given.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum AlertMetric {

	/**
	 * 95th percentile of statement durations, in seconds.
	 */
	LATENCY,

	/**
	 * Connections in use as a percentage of a pool's maximum size, per node.
	 */
	POOL_UTILIZATION,

	/**
	 * Replication lag of a replica, in seconds.
	 */
	REPLICATION_LAG,

	/**
	 * 1 while a node's circuit breaker is open, else 0.
	 */
	CIRCUIT_OPEN,

	/**
	 * Failed statements as a percentage of the statements since the last evaluation.
	 */
	ERROR_RATE,

	/**
	 * Slow statements since the last evaluation.
	 */
	SLOW_QUERIES,

	/**
	 * 1 while a node does not answer its probe, else 0.
	 */
	NODE_DOWN,

	/**
	 * Scheduled backups that have failed in a row; 0 once one succeeds.
	 */
	BACKUP_FAILED,

	/**
	 * Statements running longer than the long-query threshold, per node.
	 */
	LONG_RUNNING_QUERIES,

	/**
	 * Sessions idle in an open transaction for longer than the idle-in-transaction
	 * threshold, per node.
	 */
	IDLE_IN_TRANSACTION,

	/**
	 * Sessions waiting for a lock another session holds, per node.
	 */
	BLOCKED_SESSIONS;

	public String tagValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
