package io.github.chanuka.database.routing;

import io.github.chanuka.database.node.DatabaseNode;


/**
 * Told of every routing decision, for metrics.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@FunctionalInterface
public interface RoutingObserver {

	/**
	 * Observer that does nothing.
	 */
	RoutingObserver NONE = (node, reason) -> {
	};

	/**
	 * Called when a connection was handed out.
	 * @param node the node it came from
	 * @param reason why that node
	 */
	void routed(DatabaseNode node, RoutingReason reason);

}
