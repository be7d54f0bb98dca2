package io.github.chanuka.database.routing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends each read to a usable replica picked at random in proportion to its weight.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class WeightedLoadBalancer implements LoadBalancer {

	@Override
	public DatabaseNode choose(List<DatabaseNode> candidates) {
		int total = 0;
		for (DatabaseNode candidate : candidates) {
			total += candidate.weight();
		}
		int ticket = ThreadLocalRandom.current().nextInt(total);
		for (DatabaseNode candidate : candidates) {
			ticket -= candidate.weight();
			if (ticket < 0) {
				return candidate;
			}
		}
		return candidates.get(candidates.size() - 1);
	}

}
