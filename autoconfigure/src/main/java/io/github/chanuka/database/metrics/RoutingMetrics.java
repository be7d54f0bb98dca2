package io.github.chanuka.database.metrics;

import java.util.IdentityHashMap;
import java.util.Map;

import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeRole;
import io.github.chanuka.database.routing.RoutingObserver;
import io.github.chanuka.database.routing.RoutingReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Counts routing decisions as {@code chanuka.db.routing} (tags {@code node},
 * {@code role}, {@code reason}): {@code read} on replicas, the other reasons on the
 * primary. Counters are created when the registry binds, so the hot path is an array
 * lookup and an increment.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class RoutingMetrics implements RoutingObserver, MeterBinder {

	private final DatabaseTopology topology;

	private volatile Map<DatabaseNode, Counter[]> counters = Map.of();

	/**
	 * Create an instance.
	 * @param topology the nodes to count decisions for
	 */
	public RoutingMetrics(DatabaseTopology topology) {
		this.topology = topology;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Map<DatabaseNode, Counter[]> created = new IdentityHashMap<>();
		for (DatabaseNode node : this.topology.nodes()) {
			Counter[] byReason = new Counter[RoutingReason.values().length];
			for (RoutingReason reason : RoutingReason.values()) {
				if ((node.role() == NodeRole.REPLICA) != (reason == RoutingReason.READ)) {
					continue;
				}
				byReason[reason.ordinal()] = Counter.builder("chanuka.db.routing")
					.description("Connections handed out, by node and routing reason")
					.tag("node", node.name())
					.tag("role", node.role().tagValue())
					.tag("reason", reason.tagValue())
					.register(registry);
			}
			created.put(node, byReason);
		}
		this.counters = created;
	}

	@Override
	public void routed(DatabaseNode node, RoutingReason reason) {
		Counter[] byReason = this.counters.get(node);
		Counter counter = (byReason != null) ? byReason[reason.ordinal()] : null;
		if (counter != null) {
			counter.increment();
		}
	}

}
