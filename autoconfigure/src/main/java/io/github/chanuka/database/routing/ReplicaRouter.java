package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.PassiveFailureDetection;
import io.github.chanuka.database.node.ReplicaEligibility;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The read-only {@link javax.sql.DataSource} behind Spring's
 * {@link org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy}: hands out
 * a connection to a usable replica picked by the {@link LoadBalancer}, moving on to the
 * next replica when one fails to connect (and marking it down until a probe re-admits
 * it), then to the primary when fallback is on. A thread holding a read-your-writes
 * token reads only from replicas that have replayed it, else from the primary. A
 * COMMIT or ROLLBACK that fails on a replica's connection is not surfaced.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ReplicaRouter extends AbstractDataSource {

	private static final Log logger = LogFactory.getLog(ReplicaRouter.class);

	private final DatabaseTopology topology;

	private final LoadBalancer loadBalancer;

	private final RoutingContext context;

	private final RoutingObserver observer;

	private final ReplicaEligibility eligibility;

	private final boolean fallbackToPrimary;

	private final ConnectionGuard guard;

	private final PrimaryPosition primaryPosition;

	private final PassiveFailureDetection failures;

	/**
	 * Create a router.
	 * @param topology the nodes
	 * @param loadBalancer picks among usable replicas
	 * @param context per-thread hints that force the primary
	 * @param observer told of every decision
	 * @param eligibility decides which replicas are usable
	 * @param fallbackToPrimary whether reads go to the primary when no replica is
	 * usable
	 * @param guard guards connection acquisition from each node
	 * @param primaryPosition clamps read-your-writes tokens to the primary's position
	 * @param failures told when a replica fails to hand out a connection
	 */
	public ReplicaRouter(DatabaseTopology topology, LoadBalancer loadBalancer, RoutingContext context,
			RoutingObserver observer, ReplicaEligibility eligibility, boolean fallbackToPrimary,
			ConnectionGuard guard, PrimaryPosition primaryPosition, PassiveFailureDetection failures) {
		this.topology = topology;
		this.loadBalancer = loadBalancer;
		this.context = context;
		this.observer = observer;
		this.eligibility = eligibility;
		this.fallbackToPrimary = fallbackToPrimary;
		this.guard = guard;
		this.primaryPosition = primaryPosition;
		this.failures = failures;
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (this.context.isPrimaryForced()) {
			return fromPrimary(RoutingReason.FORCED);
		}
		List<DatabaseNode> candidates = this.eligibility.usable(this.topology.replicas());
		long required = requiredPosition(candidates);
		if (required > 0 && !candidates.isEmpty()) {
			candidates = replayedUpTo(candidates, required);
			if (candidates.isEmpty()) {
				return fromPrimary(RoutingReason.READ_YOUR_WRITES);
			}
		}
		while (!candidates.isEmpty()) {
			DatabaseNode replica = this.loadBalancer.choose(candidates);
			Connection connection;
			try {
				connection = this.guard.connect(replica);
			}
			catch (SQLException ex) {
				this.failures.acquisitionFailed(replica, ex);
				candidates = without(candidates, replica);
				continue;
			}
			catch (RuntimeException ex) {
				logger.debug("Replica " + replica.name() + " refused by its guard: " + ex.getMessage());
				candidates = without(candidates, replica);
				continue;
			}
			ReplicaConnection lent = new ReplicaConnection(replica, connection);
			try {
				this.observer.routed(replica, RoutingReason.READ);
			}
			catch (RuntimeException ex) {
				throw Connections.closeAfter(lent, ex);
			}
			return lent;
		}
		if (this.fallbackToPrimary) {
			return fromPrimary(RoutingReason.FALLBACK);
		}
		throw new NoReplicaAvailableException(describeUnusable());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLFeatureNotSupportedException(
				"Chanuka Database routes reads with the configured credentials only; use getConnection()");
	}

	/**
	 * The position a replica must have replayed: the thread's writes are resolved to a
	 * primary position read after them and a client's token is checked against the
	 * primary's. While the primary cannot be asked, which is tried once per request,
	 * what cannot be checked is the freshest replica's replay position: the newest data
	 * a read can reach.
	 */
	private long requiredPosition(List<DatabaseNode> candidates) {
		DatabaseNode primary = this.topology.primary();
		long unresolvedSince = this.context.unresolvedSince();
		if (unresolvedSince != 0 && !this.context.isPrimaryUnreachable()) {
			try {
				this.context.resolved(this.primaryPosition.readAfter(unresolvedSince, primary));
			}
			catch (SQLException | RuntimeException ex) {
				unreachable(ex);
			}
		}
		long required = this.context.requiredPosition();
		if (required > 0 && !this.context.isPositionVerified() && !this.context.isPrimaryUnreachable()) {
			try {
				required = this.primaryPosition.clamp(required, primary);
				this.context.positionVerified(required);
			}
			catch (SQLException | RuntimeException ex) {
				unreachable(ex);
			}
		}
		if (this.context.unresolvedSince() == 0 && this.context.isPositionVerified()) {
			return required;
		}
		long checked = this.context.isPositionVerified() ? required : 0;
		return Math.max(checked, freshest(candidates));
	}

	private void unreachable(Exception ex) {
		this.context.primaryUnreachable();
		logger.debug("Could not read the primary's WAL position for read-your-writes; until the request ends, "
				+ "reads that need it go to the freshest replica: " + ex.getMessage());
	}

	private static long freshest(List<DatabaseNode> candidates) {
		long freshest = 0;
		for (DatabaseNode replica : candidates) {
			Long replay = replica.state().walPosition();
			if (replay != null) {
				freshest = Math.max(freshest, replay);
			}
		}
		return freshest;
	}

	private static List<DatabaseNode> replayedUpTo(List<DatabaseNode> candidates, long position) {
		List<DatabaseNode> replayed = new ArrayList<>(candidates.size());
		for (DatabaseNode replica : candidates) {
			Long replay = replica.state().walPosition();
			if (replay != null && replay >= position) {
				replayed.add(replica);
			}
		}
		return replayed;
	}

	/**
	 * Return a read-only connection to the primary, for a read-only transaction that
	 * a replica cannot serve.
	 * @param reason why the primary serves it
	 * @return the connection
	 * @throws SQLException if the primary cannot hand out a connection
	 */
	Connection primaryConnection(RoutingReason reason) throws SQLException {
		return fromPrimary(reason);
	}

	private Connection fromPrimary(RoutingReason reason) throws SQLException {
		DatabaseNode primary = this.topology.primary();
		Connection connection = this.guard.connectReadOnly(primary);
		try {
			// Spring leaves connections of a read-only DataSource as they come; on the
			// primary that would let a read-only transaction's commit count as a write
			connection.setReadOnly(true);
			this.observer.routed(primary, reason);
		}
		catch (SQLException ex) {
			throw Connections.closeAfter(connection, ex);
		}
		catch (RuntimeException ex) {
			throw Connections.closeAfter(connection, ex);
		}
		return connection;
	}

	private List<DatabaseNode> without(List<DatabaseNode> candidates, DatabaseNode failed) {
		List<DatabaseNode> remaining = new ArrayList<>(candidates);
		remaining.remove(failed);
		return remaining;
	}

	private String describeUnusable() {
		if (this.topology.replicas().isEmpty()) {
			return "No replica is configured for this read-only transaction and "
					+ "chanuka.database.routing.fallback-to-primary is false";
		}
		return "No replica can serve this read-only transaction and chanuka.database.routing.fallback-to-primary "
				+ "is false: " + this.topology.replicas()
					.stream()
					.map((replica) -> replica.name() + " " + this.eligibility.explain(replica))
					.collect(Collectors.joining("; "));
	}

}
