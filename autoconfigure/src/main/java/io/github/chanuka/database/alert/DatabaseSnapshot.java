package io.github.chanuka.database.alert;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The state of the database layer that alert rules look at.
 *
 * @param nodes every node
 * @param statements statements run since the previous snapshot
 * @param failedStatements statements that failed since the previous snapshot
 * @param slowStatements slow statements since the previous snapshot
 * @param latencyP95 95th percentile of recent statement durations, {@code null} when
 * unknown
 * @param maxReplicationLag the configured lag limit
 * @param failedBackups scheduled backups that have failed in a row, 0 after one
 * succeeds or without scheduled backups
 * @author Chanuka Database
 * @since 0.1.0
 */
public record DatabaseSnapshot(List<Node> nodes, long statements, long failedStatements, long slowStatements,
		@Nullable Duration latencyP95, Duration maxReplicationLag, int failedBackups) {

	/**
	 * Create a snapshot without scheduled backups.
	 * @param nodes every node
	 * @param statements statements run since the previous snapshot
	 * @param failedStatements statements that failed since the previous snapshot
	 * @param slowStatements slow statements since the previous snapshot
	 * @param latencyP95 95th percentile of recent statement durations, {@code null} when
	 * unknown
	 * @param maxReplicationLag the configured lag limit
	 */
	public DatabaseSnapshot(List<Node> nodes, long statements, long failedStatements, long slowStatements,
			@Nullable Duration latencyP95, Duration maxReplicationLag) {
		this(nodes, statements, failedStatements, slowStatements, latencyP95, maxReplicationLag, 0);
	}

	/**
	 * One node.
	 *
	 * @param name the node name
	 * @param role {@code primary} or {@code replica}
	 * @param up whether it answered its last probe; {@code true} before the first
	 * @param replicationLag its lag, {@code null} when unknown or not a replica
	 * @param activeConnections connections in use
	 * @param maximumPoolSize the pool's maximum size
	 * @param circuitBreaker the breaker state, {@code null} without breakers
	 * @param sessions what its sessions are doing, {@code null} when they were not
	 * inspected
	 * @param threadsAwaitingConnection threads waiting for a connection from its pool
	 */
	public record Node(String name, String role, boolean up, @Nullable Duration replicationLag,
			int activeConnections, int maximumPoolSize, @Nullable String circuitBreaker,
			@Nullable Sessions sessions, int threadsAwaitingConnection) {

		/**
		 * Create a node whose pool has no thread waiting.
		 * @param name the node name
		 * @param role {@code primary} or {@code replica}
		 * @param up whether it answered its last probe
		 * @param replicationLag its lag, {@code null} when unknown or not a replica
		 * @param activeConnections connections in use
		 * @param maximumPoolSize the pool's maximum size
		 * @param circuitBreaker the breaker state, {@code null} without breakers
		 * @param sessions what its sessions are doing, {@code null} when they were not
		 * inspected
		 */
		public Node(String name, String role, boolean up, @Nullable Duration replicationLag, int activeConnections,
				int maximumPoolSize, @Nullable String circuitBreaker, @Nullable Sessions sessions) {
			this(name, role, up, replicationLag, activeConnections, maximumPoolSize, circuitBreaker, sessions, 0);
		}

		/**
		 * Create a node whose sessions were not inspected.
		 * @param name the node name
		 * @param role {@code primary} or {@code replica}
		 * @param up whether it answered its last probe
		 * @param replicationLag its lag, {@code null} when unknown or not a replica
		 * @param activeConnections connections in use
		 * @param maximumPoolSize the pool's maximum size
		 * @param circuitBreaker the breaker state, {@code null} without breakers
		 */
		public Node(String name, String role, boolean up, @Nullable Duration replicationLag, int activeConnections,
				int maximumPoolSize, @Nullable String circuitBreaker) {
			this(name, role, up, replicationLag, activeConnections, maximumPoolSize, circuitBreaker, null, 0);
		}

	}

	/**
	 * Counts of a node's sessions that need attention.
	 *
	 * @param longRunningQueries statements running longer than the long-query threshold
	 * @param idleInTransaction sessions idle in a transaction for longer than the
	 * idle-in-transaction threshold
	 * @param blocked sessions waiting for a lock another session holds
	 */
	public record Sessions(int longRunningQueries, int idleInTransaction, int blocked) {

	}

}
