package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.SQLException;

import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseNode;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The read-write target of the
 * {@link org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy}: the
 * primary's pool, counting each connection it hands out as a write.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class PrimaryRoute extends DelegatingDataSource {

	private final DatabaseNode primary;

	private final RoutingObserver observer;

	private final ConnectionGuard guard;

	/**
	 * Create a route.
	 * @param primary the primary
	 * @param observer told of every connection handed out
	 * @param guard guards connection acquisition
	 */
	public PrimaryRoute(DatabaseNode primary, RoutingObserver observer, ConnectionGuard guard) {
		super(primary.dataSource());
		this.primary = primary;
		this.observer = observer;
		this.guard = guard;
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection connection = this.guard.connect(this.primary);
		try {
			this.observer.routed(this.primary, RoutingReason.WRITE);
		}
		catch (RuntimeException ex) {
			throw Connections.closeAfter(connection, ex);
		}
		return connection;
	}

}
