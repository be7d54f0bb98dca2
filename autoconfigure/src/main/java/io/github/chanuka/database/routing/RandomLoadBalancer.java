package io.github.chanuka.database.routing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.github.chanuka.database.node.DatabaseNode;

/**
 * Sends each read to a usable replica picked at random.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class RandomLoadBalancer implements LoadBalancer {

	@Override
	public DatabaseNode choose(List<DatabaseNode> candidates) {
		return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
	}

}
