package io.github.chanuka.database.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chanuka.database.node.DatabaseNode;

/**
 * Sends reads to each usable replica in turn.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class RoundRobinLoadBalancer implements LoadBalancer {

	private final AtomicInteger next = new AtomicInteger();

	@Override
	public DatabaseNode choose(List<DatabaseNode> candidates) {
		return candidates.get(Math.floorMod(this.next.getAndIncrement(), candidates.size()));
	}

}
