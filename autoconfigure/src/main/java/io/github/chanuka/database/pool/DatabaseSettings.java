package io.github.chanuka.database.pool;

import java.util.List;

import io.github.chanuka.database.DatabaseEnvironment;

/**
 * Settings in effect after every default, fallback and override was applied: the
 * environment, the primary and the profile of every pool.
 *
 * @param environment the deployment environment
 * @param environmentOrigin why this environment applies, such as
 * {@code active profile 'prod'}
 * @param primary where the primary is reached
 * @param pool the pool settings of every node
 * @param tls the TLS settings of every node
 * @param replicas the read replicas, possibly none
 * @author Chanuka Database
 * @since 0.1.0
 */
public record DatabaseSettings(DatabaseEnvironment environment, String environmentOrigin, NodeConnection primary,
		PoolSettings pool, TlsSettings tls, List<ReplicaSettings> replicas) {

	/**
	 * Return a one-line summary, free of secrets, for the startup log.
	 * @return the summary
	 */
	public String summary() {
		return "environment " + this.environment.displayName() + " (" + this.environmentOrigin + "), primary "
				+ this.primary.maskedUrl() + " (from " + this.primary.source() + "), pool " + this.pool.minimumIdle()
				+ "-" + this.pool.maximumSize() + ", sslmode " + this.tls.mode().parameterValue() + ", "
				+ (this.pool.failFast() ? "fail-fast" : "lazy") + " start, " + this.replicas.size() + " replica(s)";
	}

}
