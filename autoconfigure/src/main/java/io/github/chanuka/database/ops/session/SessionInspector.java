package io.github.chanuka.database.ops.session;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.chanuka.database.metrics.SqlMasker;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads {@code pg_stat_activity} on every node that is up and reports long-running
 * statements, sessions idle in a transaction, and blocked sessions with the chain of
 * sessions blocking them ({@code pg_blocking_pids}). Only reads: the
 * {@code pg_cancel_backend}/{@code pg_terminate_backend} statements it suggests are never
 * run. Statement text is masked with {@link SqlMasker}.
 * <p>
 * A role sees the statements of other roles' sessions only as a superuser or a member of
 * {@code pg_read_all_stats}; their text is then reported as {@code null}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class SessionInspector {

	private static final String ACTIVITY = """
			select pid, datname, usename, coalesce(application_name, '') as application_name, state,
			       backend_type = 'client backend' as client,
			       extract(epoch from clock_timestamp() - query_start) as query_seconds,
			       extract(epoch from clock_timestamp() - state_change) as state_seconds,
			       wait_event_type, wait_event, query,
			       case when wait_event_type = 'Lock' then pg_blocking_pids(pid) end as blocked_by
			from pg_stat_activity
			where pid <> pg_backend_pid()
			""";

	private static final Comparator<Session> LONGEST_FIRST = Comparator.comparingLong(Session::durationMs)
		.reversed()
		.thenComparingInt(Session::pid);

	private final DatabaseTopology topology;

	private final Duration longQueryThreshold;

	private final Duration idleInTransactionThreshold;

	private final int timeoutSeconds;

	private volatile @Nullable SessionReport lastReport;

	/**
	 * Create an inspector.
	 * @param topology the nodes
	 * @param longQueryThreshold statements running longer are reported
	 * @param idleInTransactionThreshold sessions idle in a transaction for longer are
	 * reported
	 * @param timeout longest wait for each node's answer
	 */
	public SessionInspector(DatabaseTopology topology, Duration longQueryThreshold, Duration idleInTransactionThreshold,
			Duration timeout) {
		this.topology = topology;
		this.longQueryThreshold = longQueryThreshold;
		this.idleInTransactionThreshold = idleInTransactionThreshold;
		this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
	}

	/**
	 * Inspect every node now, one inspection at a time.
	 * @return the report
	 */
	public synchronized SessionReport inspect() {
		List<NodeSessions> nodes = new ArrayList<>();
		for (DatabaseNode node : this.topology.nodes()) {
			nodes.add(inspect(node));
		}
		SessionReport report = new SessionReport(Instant.now(), this.longQueryThreshold.toMillis(),
				this.idleInTransactionThreshold.toMillis(), List.copyOf(nodes));
		this.lastReport = report;
		return report;
	}

	/**
	 * Return the report of the last inspection.
	 * @return the report, {@code null} before the first inspection
	 */
	public @Nullable SessionReport lastReport() {
		return this.lastReport;
	}

	private NodeSessions inspect(DatabaseNode node) {
		String role = node.role().tagValue();
		if (node.state().isDown()) {
			return NodeSessions.failed(node.name(), role,
					"not inspected: the node is down (" + node.state().error() + ")");
		}
		if (poolIsFull(node)) {
			// waiting for a connection would stall the node monitor and add to the waiting threads
			return NodeSessions.failed(node.name(), role,
					"not inspected: every connection of the pool is in use, none idle");
		}
		JdbcTemplate jdbc = new JdbcTemplate(node.dataSource());
		jdbc.setQueryTimeout(this.timeoutSeconds);
		try {
			return classify(node.name(), role, jdbc.query(ACTIVITY, (rs, row) -> activity(rs)));
		}
		catch (DataAccessException ex) {
			return NodeSessions.failed(node.name(), role,
					"could not read pg_stat_activity: " + ex.getMostSpecificCause().getMessage());
		}
	}

	private static boolean poolIsFull(DatabaseNode node) {
		HikariPoolMXBean pool = node.dataSource().getHikariPoolMXBean();
		return pool != null && pool.getIdleConnections() == 0
				&& pool.getTotalConnections() >= node.dataSource().getMaximumPoolSize();
	}

	private NodeSessions classify(String node, String role, List<Activity> activities) {
		Map<Integer, Activity> byPid = new LinkedHashMap<>();
		activities.forEach((activity) -> byPid.put(activity.pid(), activity));
		List<Session> longRunning = new ArrayList<>();
		List<Session> idleInTransaction = new ArrayList<>();
		List<Session> blocked = new ArrayList<>();
		Set<Integer> rootPids = new LinkedHashSet<>();
		for (Activity activity : activities) {
			if (!activity.client()) {
				continue;
			}
			if ("active".equals(activity.state()) && activity.durationMs() > this.longQueryThreshold.toMillis()) {
				longRunning.add(activity.session(List.of(), cancel(activity.pid())));
			}
			if (activity.isIdleInTransaction()
					&& activity.durationMs() > this.idleInTransactionThreshold.toMillis()) {
				idleInTransaction.add(activity.session(List.of(), terminate(activity.pid())));
			}
			if (!activity.blockedBy().isEmpty()) {
				List<Integer> roots = rootBlockers(activity, byPid);
				rootPids.addAll(roots);
				blocked.add(activity.session(roots, null));
			}
		}
		List<Session> blockers = new ArrayList<>();
		for (Integer pid : rootPids) {
			Activity root = byPid.get(pid);
			if (root != null) {
				blockers.add(root.session(List.of(),
						"active".equals(root.state()) ? cancel(pid) : terminate(pid)));
			}
		}
		longRunning.sort(LONGEST_FIRST);
		idleInTransaction.sort(LONGEST_FIRST);
		blocked.sort(LONGEST_FIRST);
		blockers.sort(LONGEST_FIRST);
		return new NodeSessions(node, role, longRunning, idleInTransaction, blocked, blockers, null);
	}

	private static List<Integer> rootBlockers(Activity blocked, Map<Integer, Activity> byPid) {
		Set<Integer> roots = new LinkedHashSet<>();
		Set<Integer> seen = new HashSet<>(List.of(blocked.pid()));
		Deque<Integer> pending = new ArrayDeque<>(blocked.blockedBy());
		while (!pending.isEmpty()) {
			Integer pid = pending.pop();
			if (!seen.add(pid)) {
				continue;
			}
			Activity blocker = byPid.get(pid);
			if (blocker == null || blocker.blockedBy().isEmpty()) {
				roots.add(pid);
			}
			else {
				pending.addAll(blocker.blockedBy());
			}
		}
		return List.copyOf(roots);
	}

	private static String cancel(int pid) {
		return "SELECT pg_cancel_backend(" + pid + ");";
	}

	private static String terminate(int pid) {
		return "SELECT pg_terminate_backend(" + pid + ");";
	}

	private static Activity activity(ResultSet rs) throws SQLException {
		String state = Objects.requireNonNullElse(rs.getString("state"), "unknown");
		double seconds = rs.getDouble("active".equals(state) ? "query_seconds" : "state_seconds");
		String waitType = rs.getString("wait_event_type");
		String waitEvent = rs.getString("wait_event");
		String wait = (waitType != null) ? waitType + ((waitEvent != null) ? ":" + waitEvent : "") : null;
		return new Activity(rs.getInt("pid"), rs.getString("datname"), rs.getString("usename"),
				Objects.requireNonNullElse(rs.getString("application_name"), ""), state, rs.getBoolean("client"),
				Math.round(seconds * 1000), wait, visibleQuery(rs.getString("query")), pids(rs.getArray("blocked_by")));
	}

	private static @Nullable String visibleQuery(@Nullable String query) {
		if (query == null || query.isBlank() || "<insufficient privilege>".equals(query)) {
			return null;
		}
		return SqlMasker.mask(query);
	}

	private static List<Integer> pids(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		List<Integer> pids = new ArrayList<>();
		for (Object pid : (Object[]) array.getArray()) {
			pids.add(((Number) pid).intValue());
		}
		return List.copyOf(pids);
	}

	private record Activity(int pid, @Nullable String database, @Nullable String user, String application,
			String state, boolean client, long durationMs, @Nullable String waitEvent, @Nullable String query,
			List<Integer> blockedBy) {

		boolean isIdleInTransaction() {
			return this.state.startsWith("idle in transaction");
		}

		Session session(List<Integer> rootBlockers, @Nullable String statement) {
			return new Session(this.pid, this.database, this.user, this.application, this.state, this.durationMs,
					this.waitEvent, this.query, this.blockedBy, rootBlockers, statement);
		}

	}

}
