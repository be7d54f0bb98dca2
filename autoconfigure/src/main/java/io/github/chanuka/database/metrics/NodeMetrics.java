package io.github.chanuka.database.metrics;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeRole;
import io.github.chanuka.database.node.NodeState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes the node monitor's view: {@code chanuka.db.node.up} for every node and
 * {@code chanuka.db.replication.lag} for every replica; and the HikariCP metrics of the
 * replica pools, which Spring Boot does not see because they are not beans (the
 * primary's pool is bound by Spring Boot itself).
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class NodeMetrics implements MeterBinder {

	private final DatabaseTopology topology;

	/**
	 * Create an instance.
	 * @param topology the nodes to publish
	 */
	public NodeMetrics(DatabaseTopology topology) {
		this.topology = topology;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (DatabaseNode node : this.topology.nodes()) {
			Gauge.builder("chanuka.db.node.up", node, NodeMetrics::up)
				.description("Whether the node answered its last probe (1) or not (0)")
				.tag("node", node.name())
				.tag("role", node.role().tagValue())
				.register(registry);
			HikariDataSource readOnlyPool = node.readOnlyDataSource();
			if (readOnlyPool != null) {
				bindPool(readOnlyPool, registry);
			}
			if (node.role() == NodeRole.REPLICA) {
				Gauge.builder("chanuka.db.replication.lag", node, NodeMetrics::lagSeconds)
					.description("How far the replica trails the primary")
					.baseUnit("seconds")
					.tag("node", node.name())
					.register(registry);
				bindPool(node.dataSource(), registry);
			}
		}
	}

	private static void bindPool(HikariDataSource pool, MeterRegistry registry) {
		if (pool.getMetricRegistry() == null && pool.getMetricsTrackerFactory() == null) {
			pool.setMetricRegistry(registry);
		}
	}

	private static double up(DatabaseNode node) {
		return (node.state().status() == NodeState.Status.UP) ? 1 : 0;
	}

	private static double lagSeconds(DatabaseNode node) {
		NodeState state = node.state();
		return (state.replicationLag() != null) ? state.replicationLag().toMillis() / 1000.0 : Double.NaN;
	}

}
