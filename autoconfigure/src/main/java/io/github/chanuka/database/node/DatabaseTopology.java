package io.github.chanuka.database.node;

import java.util.ArrayList;
import java.util.List;

/**
 * The primary and the replicas of the application, in configuration order. Closing it
 * closes the replica pools first, then the primary's.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class DatabaseTopology implements AutoCloseable {

	private final DatabaseNode primary;

	private final List<DatabaseNode> replicas;

	private final List<DatabaseNode> nodes;

	/**
	 * Create a topology.
	 * @param primary the primary
	 * @param replicas the replicas, possibly none
	 */
	public DatabaseTopology(DatabaseNode primary, List<DatabaseNode> replicas) {
		this.primary = primary;
		this.replicas = List.copyOf(replicas);
		List<DatabaseNode> all = new ArrayList<>();
		all.add(primary);
		all.addAll(replicas);
		this.nodes = List.copyOf(all);
	}

	public DatabaseNode primary() {
		return this.primary;
	}

	public List<DatabaseNode> replicas() {
		return this.replicas;
	}

	/**
	 * Return every node, the primary first.
	 * @return the nodes
	 */
	public List<DatabaseNode> nodes() {
		return this.nodes;
	}

	@Override
	public void close() {
		this.replicas.forEach(DatabaseNode::close);
		this.primary.close();
	}

	/**
	 * Return whether every pool is closed.
	 * @return whether the topology was closed
	 */
	public boolean isClosed() {
		return this.nodes.stream()
			.allMatch((node) -> node.dataSource().isClosed()
					&& (node.readOnlyDataSource() == null || node.readOnlyDataSource().isClosed()));
	}

}
