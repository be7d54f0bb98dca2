package io.github.chanuka.database.routing;

import java.util.List;

import io.github.chanuka.database.node.DatabaseNode;

/**
 * Sends each read to the usable replica with the fewest connections in use, the first
 * in configuration order on a tie.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class LeastConnectionsLoadBalancer implements LoadBalancer {

	@Override
	public DatabaseNode choose(List<DatabaseNode> candidates) {
		DatabaseNode best = candidates.get(0);
		int fewest = best.activeConnections();
		for (int i = 1; i < candidates.size(); i++) {
			int active = candidates.get(i).activeConnections();
			if (active < fewest) {
				best = candidates.get(i);
				fewest = active;
			}
		}
		return best;
	}

}
