package io.github.chanuka.database.ops;

import java.util.List;

import io.github.chanuka.database.alert.DatabaseAlertEvent.Alert;
import org.jspecify.annotations.Nullable;

/**
 * The state of the database layer, as served by {@code /actuator/database} and printed
 * by {@code db health}. Free of secrets: URLs are masked.
 *
 * @param environment the deployment environment
 * @param profile the pool profile in effect
 * @param nodes every node, the primary first
 * @param queries statement totals since startup, {@code null} without statement timing
 * @param retries retries of database operations since startup
 * @param alerts the alerts firing now
 * @param recommendations what to change, most urgent first
 * @author Chanuka Database
 * @since 0.1.0
 */
public record DatabaseStatus(String environment, Profile profile, List<Node> nodes, @Nullable Queries queries,
		long retries, List<Alert> alerts, List<String> recommendations) {

	/**
	 * The pool profile in effect.
	 *
	 * @param minimumIdle idle connections kept ready per pool
	 * @param maximumSize largest pool size
	 * @param connectionTimeoutMs longest wait for a connection
	 * @param keepaliveMs keep-alive interval, 0 when off
	 * @param sslMode the TLS mode
	 * @param failFast whether startup checks the primary
	 */
	public record Profile(int minimumIdle, int maximumSize, long connectionTimeoutMs, long keepaliveMs, String sslMode,
			boolean failFast) {

	}

	/**
	 * One node.
	 *
	 * @param name the node name
	 * @param role {@code primary} or {@code replica}
	 * @param url the masked URL
	 * @param state {@code UP}, {@code DOWN}, {@code UNKNOWN}, or {@code SKIPPED} for a
	 * replica that answers but is not used
	 * @param inRecovery whether it is a standby
	 * @param replicationLagMs its lag
	 * @param responseTimeMs duration of its last probe
	 * @param pool its pool
	 * @param circuitBreaker its breaker state
	 * @param lastCheck when it was last probed
	 * @param reason why it is down or skipped
	 * @param sessions counts of its sessions that need attention, from the last
	 * inspection; {@code null} before the first
	 */
	public record Node(String name, String role, String url, String state, @Nullable Boolean inRecovery,
			@Nullable Long replicationLagMs, @Nullable Long responseTimeMs, Pool pool, @Nullable String circuitBreaker,
			@Nullable String lastCheck, @Nullable String reason, @Nullable Sessions sessions) {

	}

	/**
	 * Counts of a node's sessions that need attention; {@code db sessions} lists them.
	 *
	 * @param longRunning statements running longer than the long-query threshold
	 * @param idleInTransaction sessions idle in a transaction for longer than the
	 * idle-in-transaction threshold
	 * @param blocked sessions waiting for a lock another session holds
	 * @param inspectedAt when the node's sessions were inspected
	 */
	public record Sessions(int longRunning, int idleInTransaction, int blocked, String inspectedAt) {

	}

	/**
	 * A node's pool.
	 *
	 * @param name the pool name
	 * @param active connections in use
	 * @param idle connections ready
	 * @param pending threads waiting for a connection
	 * @param max the maximum size
	 */
	public record Pool(String name, int active, int idle, int pending, int max) {

		/**
		 * Return the share of the pool in use.
		 * @return the utilisation in percent
		 */
		public int utilizationPercent() {
			return (this.max > 0) ? (int) Math.round(100.0 * this.active / this.max) : 0;
		}

	}

	/**
	 * Statement totals.
	 *
	 * @param count statements run
	 * @param failed statements that failed
	 * @param meanMs mean duration
	 * @param p95Ms 95th percentile of recent durations
	 * @param slow statements over the slow-query threshold
	 */
	public record Queries(long count, long failed, double meanMs, double p95Ms, long slow) {

	}

}
