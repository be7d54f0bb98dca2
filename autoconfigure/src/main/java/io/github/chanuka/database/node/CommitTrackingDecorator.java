package io.github.chanuka.database.node;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Tells {@link CommitListener}s, such as the {@link CommitLedger} of retries and the
 * read-your-writes position recorder, about every commit on the primary's connections,
 * the layer every write path crosses. A commit counts when the transaction ran a
 * statement; an autocommit statement counts unless it is a query that only reads
 * ({@code executeQuery} of a {@code SELECT}, {@code SHOW}, {@code VALUES},
 * {@code TABLE} or a {@code WITH} query without a data-changing part). When the
 * connection fails during either, the outcome is recorded as unknown. Read-only
 * transactions and replicas commit nothing, so only the primary's connections are
 * decorated, and only when there is a listener. They and their statements are final
 * wrappers on {@link DelegatingConnection} and {@link DelegatingStatement}, as statement
 * timing's are.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class CommitTrackingDecorator implements NodeDataSourceDecorator {

	private static final Log logger = LogFactory.getLog(CommitTrackingDecorator.class);

	private final List<CommitListener> listeners;

	/**
	 * Create a decorator.
	 * @param listeners told about every commit; with none, nothing is decorated
	 */
	public CommitTrackingDecorator(List<CommitListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Return the listeners told about commits.
	 * @return the listeners
	 */
	public List<CommitListener> listeners() {
		return this.listeners;
	}

	@Override
	public DataSource decorate(String node, NodeRole role, DataSource pool) {
		if (role != NodeRole.PRIMARY || this.listeners.isEmpty()) {
			return pool;
		}
		return new DelegatingDataSource(pool) {

			@Override
			public Connection getConnection() throws SQLException {
				return track(obtainTargetDataSource().getConnection());
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				return track(obtainTargetDataSource().getConnection(username, password));
			}

		};
	}

	private Connection track(Connection connection) throws SQLException {
		return new TrackingConnection(connection, connection.getAutoCommit(), this);
	}

	/**
	 * Tell every listener about a commit that stands: one that throws is logged.
	 * @param connection the connection that committed
	 */
	void committed(Connection connection) {
		for (CommitListener listener : this.listeners) {
			try {
				listener.committed(connection);
			}
			catch (RuntimeException ex) {
				logger.warn("Commit listener " + listener + " failed after a commit that stands", ex);
			}
		}
	}

	/**
	 * Tell every listener that a commit may or may not have happened.
	 */
	void outcomeUnknown() {
		this.listeners.forEach(CommitListener::outcomeUnknown);
	}

}
