package io.github.chanuka.database.health;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeRole;
import io.github.chanuka.database.node.NodeState;
import io.github.chanuka.database.node.ReplicaEligibility;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of every node as last seen by the node monitor, without querying the database
 * on each request: {@code DOWN} when the primary is down, {@link #DEGRADED} when a
 * replica is unusable but reads still have somewhere to go, {@code UP} otherwise. Each
 * node is a child under {@code details.nodes}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class DatabaseHealthIndicator implements HealthIndicator {

	/**
	 * Status of a database layer that serves every request, with less capacity or
	 * redundancy than configured. Mapped to HTTP 200 unless
	 * {@code management.endpoint.health.status.http-mapping.degraded} says otherwise.
	 */
	public static final Status DEGRADED = new Status("DEGRADED",
			"Serving, with a replica unusable; reads fall back to other nodes");

	private final DatabaseTopology topology;

	private final ReplicaEligibility eligibility;

	private final boolean fallbackToPrimary;

	private final ConnectionGuard guard;

	/**
	 * Create an indicator.
	 * @param topology the nodes
	 * @param eligibility decides whether a replica is usable
	 * @param fallbackToPrimary whether reads use the primary when no replica is usable
	 * @param guard the circuit breakers, whose states are shown
	 */
	public DatabaseHealthIndicator(DatabaseTopology topology, ReplicaEligibility eligibility,
			boolean fallbackToPrimary, ConnectionGuard guard) {
		this.topology = topology;
		this.eligibility = eligibility;
		this.fallbackToPrimary = fallbackToPrimary;
		this.guard = guard;
	}

	@Override
	public Health health() {
		Map<String, Object> nodes = new LinkedHashMap<>();
		for (DatabaseNode node : this.topology.nodes()) {
			nodes.put(node.name(), describe(node));
		}
		return Health.status(status()).withDetail("nodes", nodes).build();
	}

	private Status status() {
		NodeState primary = this.topology.primary().state();
		if (primary.isDown() || !this.guard.permits(this.topology.primary())) {
			return Status.DOWN;
		}
		long usable = this.topology.replicas().stream().filter(this.eligibility::isUsable).count();
		if (usable == this.topology.replicas().size()) {
			return (primary.status() == NodeState.Status.UNKNOWN) ? Status.UNKNOWN : Status.UP;
		}
		return (usable > 0 || this.fallbackToPrimary) ? DEGRADED : Status.DOWN;
	}

	private Map<String, Object> describe(DatabaseNode node) {
		NodeState state = node.state();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", nodeStatus(node, state));
		details.put("role", node.role().tagValue());
		details.put("url", node.maskedUrl());
		if (state.responseTime() != null) {
			details.put("responseTimeMs", state.responseTime().toMillis());
		}
		details.put("pool", pool(node));
		String breaker = this.guard.state(node);
		if (breaker != null) {
			details.put("circuitBreaker", breaker);
		}
		if (state.inRecovery() != null) {
			details.put("inRecovery", state.inRecovery());
		}
		if (node.role() == NodeRole.REPLICA && state.replicationLag() != null) {
			details.put("replicationLagMs", state.replicationLag().toMillis());
		}
		if (node.role() == NodeRole.REPLICA && !state.isDown() && !this.eligibility.isUsable(node)) {
			details.put("skipped", this.eligibility.explain(node));
		}
		if (state.checkedAt() != null) {
			details.put("lastCheck", state.checkedAt().toString());
		}
		if (state.error() != null) {
			details.put("error", state.error());
		}
		return details;
	}

	private String nodeStatus(DatabaseNode node, NodeState state) {
		if (state.isDown()) {
			return Status.DOWN.getCode();
		}
		if (node.role() == NodeRole.REPLICA && !this.eligibility.isUsable(node)) {
			return "OUT_OF_SERVICE";
		}
		return state.status().name();
	}

	private Map<String, Object> pool(DatabaseNode node) {
		Map<String, Object> pool = new LinkedHashMap<>();
		HikariPoolMXBean bean = node.dataSource().getHikariPoolMXBean();
		pool.put("name", node.dataSource().getPoolName());
		pool.put("active", (bean != null) ? bean.getActiveConnections() : 0);
		pool.put("idle", (bean != null) ? bean.getIdleConnections() : 0);
		pool.put("pending", (bean != null) ? bean.getThreadsAwaitingConnection() : 0);
		pool.put("max", node.dataSource().getMaximumPoolSize());
		return pool;
	}

}
