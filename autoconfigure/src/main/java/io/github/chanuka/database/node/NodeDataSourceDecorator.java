package io.github.chanuka.database.node;

import javax.sql.DataSource;

/**
 * Decorates the data source connections of a node are taken from, such as to time
 * every statement. Applied once per node when the topology is built.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@FunctionalInterface
public interface NodeDataSourceDecorator {

	/**
	 * Decorate a node's pool.
	 * @param node the node name
	 * @param role the node role
	 * @param pool the node's pool, or an earlier decoration of it
	 * @return the decorated data source
	 */
	DataSource decorate(String node, NodeRole role, DataSource pool);

}
