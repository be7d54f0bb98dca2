package io.github.chanuka.database.routing;

import java.util.List;

import io.github.chanuka.database.node.DatabaseNode;

/**
 * Picks the replica that serves the next read. Define a bean of this type to replace
 * the configured {@code chanuka.database.routing.load-balancer}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@FunctionalInterface
public interface LoadBalancer {

	/**
	 * Pick a replica.
	 * @param candidates the usable replicas, never empty and not to be modified (often the
	 * topology's own unmodifiable list)
	 * @return one of the candidates
	 */
	DatabaseNode choose(List<DatabaseNode> candidates);

}
