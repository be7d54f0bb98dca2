package io.github.chanuka.database.node;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * Guards connection acquisition from a node, such as with a circuit breaker.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public interface ConnectionGuard {

	/**
	 * Guard that lets every call through.
	 */
	ConnectionGuard NONE = new ConnectionGuard() {

		@Override
		public Connection connect(DatabaseNode node) throws SQLException {
			return node.getConnection();
		}

		@Override
		public Connection connectReadOnly(DatabaseNode node) throws SQLException {
			return node.getReadOnlyConnection();
		}

		@Override
		public boolean permits(DatabaseNode node) {
			return true;
		}

		@Override
		public @Nullable String state(DatabaseNode node) {
			return null;
		}

	};

	/**
	 * Take a connection from the node's pool, or fail at once when the guard forbids
	 * it.
	 * @param node the node
	 * @return the connection
	 * @throws SQLException when the pool cannot hand out a connection
	 */
	Connection connect(DatabaseNode node) throws SQLException;

	/**
	 * Take a connection for a read-only transaction from the node
	 * ({@link DatabaseNode#getReadOnlyConnection()}), or fail at once when the guard
	 * forbids it.
	 * @param node the node
	 * @return the connection
	 * @throws SQLException when the pool cannot hand out a connection
	 */
	Connection connectReadOnly(DatabaseNode node) throws SQLException;

	/**
	 * Return whether a call to the node would be let through now.
	 * @param node the node
	 * @return whether the node may be tried
	 */
	boolean permits(DatabaseNode node);

	/**
	 * Return the guard's state for the node, for health and status output.
	 * @param node the node
	 * @return the state, such as {@code CLOSED}, or {@code null} when unguarded
	 */
	@Nullable String state(DatabaseNode node);

}
