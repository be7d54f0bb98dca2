package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseNode;

import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The read-only route of a primary without replicas when read-only transactions run per
 * statement: connections from the primary's read-only pool, which refuse writes in every
 * statement, autocommit included.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ReadOnlyPrimaryRoute extends AbstractDataSource {

	private final DatabaseNode primary;

	private final RoutingObserver observer;

	private final ConnectionGuard guard;

	/**
	 * Create a route.
	 * @param primary the primary, with its read-only pool
	 * @param observer told of every connection handed out
	 * @param guard guards connection acquisition
	 */
	public ReadOnlyPrimaryRoute(DatabaseNode primary, RoutingObserver observer, ConnectionGuard guard) {
		this.primary = primary;
		this.observer = observer;
		this.guard = guard;
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection connection = this.guard.connectReadOnly(this.primary);
		try {
			connection.setReadOnly(true);
			this.observer.routed(this.primary, RoutingReason.READ);
		}
		catch (SQLException ex) {
			throw Connections.closeAfter(connection, ex);
		}
		catch (RuntimeException ex) {
			throw Connections.closeAfter(connection, ex);
		}
		return connection;
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLFeatureNotSupportedException(
				"Chanuka Database routes reads with the configured credentials only; use getConnection()");
	}

}
