package io.github.chanuka.database.node;

/**
 * Told after each round of probes, for alerts and other reactions to node states.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@FunctionalInterface
public interface NodeStateListener {

	/**
	 * Called after every node was probed.
	 * @param topology the nodes, with their new states
	 */
	void nodesChecked(DatabaseTopology topology);

}
