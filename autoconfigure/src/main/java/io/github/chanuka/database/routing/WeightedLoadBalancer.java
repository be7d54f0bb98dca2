package io.github.chanuka.database.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.chanuka.database.node.DatabaseNode;

import org.springframework.util.Assert;

/**
 * Spreads reads over the usable replicas in proportion to their weights, with smooth
 * weighted round-robin: exact shares over every cycle of the total weight, and no
 * replica served twice in a row when another is due.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class WeightedLoadBalancer implements LoadBalancer {

	private final Map<DatabaseNode, Long> current = new HashMap<>();

	@Override
	public synchronized DatabaseNode choose(List<DatabaseNode> candidates) {
		long total = 0;
		DatabaseNode best = null;
		long bestWeight = Long.MIN_VALUE;
		for (DatabaseNode candidate : candidates) {
			long weight = this.current.merge(candidate, (long) candidate.weight(), Long::sum);
			total += candidate.weight();
			if (weight > bestWeight) {
				best = candidate;
				bestWeight = weight;
			}
		}
		Assert.state(best != null, "Candidates are never empty");
		this.current.merge(best, -total, Long::sum);
		return best;
	}

}
