package io.github.chanuka.database.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.chanuka.database.alert.DatabaseAlertEvent.Alert;
import io.github.chanuka.database.alert.DatabaseSnapshot;
import io.github.chanuka.database.metrics.QueryTotals;
import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeRole;
import io.github.chanuka.database.node.NodeState;
import io.github.chanuka.database.node.ReplicaEligibility;
import io.github.chanuka.database.ops.session.NodeSessions;
import io.github.chanuka.database.ops.session.SessionInspector;
import io.github.chanuka.database.ops.session.SessionReport;
import io.github.chanuka.database.pool.DatabaseSettings;
import io.github.chanuka.database.pool.PoolSettings;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link DatabaseStatus} report from what is already known (the node
 * monitor's last probes, the pools, the breakers, statement totals, the last session
 * inspection and active alerts), without querying the database; and the
 * {@link DatabaseSnapshot}s alert rules look at, which inspect every node's sessions.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class DatabaseStatusService {

	private final DatabaseSettings settings;

	private final DatabaseTopology topology;

	private final ReplicaEligibility eligibility;

	private final Duration maxReplicationLag;

	private final Supplier<ConnectionGuard> guard;

	private final Supplier<QueryTotals> queryTotals;

	private final Supplier<Long> retries;

	private final Supplier<List<Alert>> alerts;

	private final Supplier<Integer> failedBackups;

	private final Supplier<SessionInspector> sessions;

	private @Nullable QueryTotals previousTotals;

	/**
	 * Create a service. Suppliers may return {@code null} for integrations that are off.
	 * @param settings the settings in effect
	 * @param topology the nodes
	 * @param eligibility decides whether a replica is usable
	 * @param maxReplicationLag the configured lag limit
	 * @param guard the circuit breakers
	 * @param queryTotals statement totals
	 * @param retries operation retries since startup
	 * @param alerts alerts firing now
	 * @param failedBackups scheduled backups failed in a row
	 * @param sessions inspects the sessions of every node
	 */
	public DatabaseStatusService(DatabaseSettings settings, DatabaseTopology topology, ReplicaEligibility eligibility,
			Duration maxReplicationLag, Supplier<ConnectionGuard> guard, Supplier<QueryTotals> queryTotals,
			Supplier<Long> retries, Supplier<List<Alert>> alerts, Supplier<Integer> failedBackups,
			Supplier<SessionInspector> sessions) {
		this.failedBackups = failedBackups;
		this.settings = settings;
		this.topology = topology;
		this.eligibility = eligibility;
		this.maxReplicationLag = maxReplicationLag;
		this.guard = guard;
		this.queryTotals = queryTotals;
		this.retries = retries;
		this.alerts = alerts;
		this.sessions = sessions;
	}

	/**
	 * Return the state of the database layer now.
	 * @return the report
	 */
	public DatabaseStatus status() {
		SessionInspector inspector = this.sessions.get();
		SessionReport lastInspection = (inspector != null) ? inspector.lastReport() : null;
		List<DatabaseStatus.Node> nodes = this.topology.nodes()
			.stream()
			.map((node) -> node(node, lastInspection))
			.toList();
		QueryTotals totals = this.queryTotals.get();
		DatabaseStatus.Queries queries = null;
		if (totals != null) {
			queries = new DatabaseStatus.Queries(totals.count(), totals.failed(), round(totals.meanMillis()),
					round(totals.p95Millis()), totals.slow());
		}
		List<Alert> active = orEmpty(this.alerts.get());
		Long retried = this.retries.get();
		PoolSettings pool = this.settings.pool();
		DatabaseStatus.Profile profile = new DatabaseStatus.Profile(pool.minimumIdle(), pool.maximumSize(),
				pool.connectionTimeout().toMillis(), pool.keepaliveTime().toMillis(),
				this.settings.tls().mode().parameterValue(), pool.failFast());
		DatabaseStatus withoutAdvice = new DatabaseStatus(this.settings.environment().displayName(), profile, nodes,
				queries, (retried != null) ? retried : 0, active, List.of());
		return new DatabaseStatus(withoutAdvice.environment(), profile, nodes, queries, withoutAdvice.retries(),
				active, Recommendations.of(withoutAdvice, this.settings, this.maxReplicationLag));
	}

	/**
	 * Return a snapshot for alert rules, with statement counts since the previous
	 * snapshot, after inspecting every node's sessions.
	 * @return the snapshot
	 */
	public synchronized DatabaseSnapshot snapshot() {
		List<DatabaseSnapshot.Node> nodes = new ArrayList<>();
		ConnectionGuard breakers = guardOrNone();
		SessionInspector inspector = this.sessions.get();
		SessionReport inspection = (inspector != null) ? inspector.inspect() : null;
		for (DatabaseNode node : this.topology.nodes()) {
			NodeState state = node.state();
			NodeSessions sessions = sessionsOf(inspection, node);
			nodes.add(new DatabaseSnapshot.Node(node.name(), node.role().tagValue(), !state.isDown(),
					(node.role() == NodeRole.REPLICA) ? state.replicationLag() : null, node.activeConnections(),
					node.dataSource().getMaximumPoolSize(), breakers.state(node),
					(sessions != null) ? new DatabaseSnapshot.Sessions(sessions.longRunning().size(),
							sessions.idleInTransaction().size(), sessions.blocked().size()) : null,
					node.threadsAwaitingConnection()));
		}
		Integer backupFailures = this.failedBackups.get();
		int failed = (backupFailures != null) ? backupFailures : 0;
		QueryTotals totals = this.queryTotals.get();
		if (totals == null) {
			return new DatabaseSnapshot(nodes, 0, 0, 0, null, this.maxReplicationLag, failed);
		}
		QueryTotals previous = (this.previousTotals != null) ? this.previousTotals : QueryTotals.NONE;
		this.previousTotals = totals;
		return new DatabaseSnapshot(nodes, totals.count() - previous.count(), totals.failed() - previous.failed(),
				totals.slow() - previous.slow(), Duration.ofMillis(Math.round(totals.p95Millis())),
				this.maxReplicationLag, failed);
	}

	private static @Nullable NodeSessions sessionsOf(@Nullable SessionReport report, DatabaseNode node) {
		if (report == null) {
			return null;
		}
		return report.nodes()
			.stream()
			.filter((sessions) -> sessions.node().equals(node.name()) && sessions.error() == null)
			.findFirst()
			.orElse(null);
	}

	private DatabaseStatus.Node node(DatabaseNode node, @Nullable SessionReport lastInspection) {
		NodeState state = node.state();
		String reason = state.error();
		String status = state.status().name();
		if (node.role() == NodeRole.REPLICA && !state.isDown() && !this.eligibility.isUsable(node)) {
			status = "SKIPPED";
			reason = this.eligibility.explain(node);
		}
		HikariPoolMXBean bean = node.dataSource().getHikariPoolMXBean();
		DatabaseStatus.Pool pool = new DatabaseStatus.Pool(node.dataSource().getPoolName(),
				(bean != null) ? bean.getActiveConnections() : 0, (bean != null) ? bean.getIdleConnections() : 0,
				(bean != null) ? bean.getThreadsAwaitingConnection() : 0, node.dataSource().getMaximumPoolSize());
		return new DatabaseStatus.Node(node.name(), node.role().tagValue(), node.maskedUrl(), status,
				state.inRecovery(), (state.replicationLag() != null) ? state.replicationLag().toMillis() : null,
				(state.responseTime() != null) ? state.responseTime().toMillis() : null, pool,
				guardOrNone().state(node), (state.checkedAt() != null) ? state.checkedAt().toString() : null, reason,
				sessionCounts(sessionsOf(lastInspection, node), lastInspection));
	}

	private static DatabaseStatus.@Nullable Sessions sessionCounts(@Nullable NodeSessions sessions,
			@Nullable SessionReport report) {
		if (sessions == null || report == null) {
			return null;
		}
		return new DatabaseStatus.Sessions(sessions.longRunning().size(), sessions.idleInTransaction().size(),
				sessions.blocked().size(), report.inspectedAt().toString());
	}

	private ConnectionGuard guardOrNone() {
		ConnectionGuard current = this.guard.get();
		return (current != null) ? current : ConnectionGuard.NONE;
	}

	private static <T> List<T> orEmpty(List<T> list) {
		return (list != null) ? list : List.of();
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
