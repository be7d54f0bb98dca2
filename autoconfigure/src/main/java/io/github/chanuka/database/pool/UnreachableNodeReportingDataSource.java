package io.github.chanuka.database.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Wraps a node's pool so that a connection that cannot be made says why, wherever it
 * was asked for (Liquibase, {@code spring.sql.init}, a {@code CommandLineRunner}, a
 * request). The pool's {@link SQLTransientConnectionException} is kept, with its
 * message and SQLState, so callers and retries see what they saw before; under it, a
 * {@link PrimaryUnreachableException} names the node, its masked URL and the
 * {@link ConnectionFailureCause}, for the startup failure report to find. A pool that
 * times out with every connection in use is not a failure to connect and passes
 * unchanged.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class UnreachableNodeReportingDataSource extends DelegatingDataSource {

	private final String node;

	private final String maskedUrl;

	/**
	 * Create a new instance.
	 * @param pool the node's pool
	 * @param node the node name
	 * @param maskedUrl the node's URL with credentials masked
	 */
	public UnreachableNodeReportingDataSource(DataSource pool, String node, String maskedUrl) {
		super(pool);
		this.node = node;
		this.maskedUrl = maskedUrl;
	}

	@Override
	public Connection getConnection() throws SQLException {
		try {
			return super.getConnection();
		}
		catch (SQLTransientConnectionException ex) {
			throw explained(ex);
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		try {
			return super.getConnection(username, password);
		}
		catch (SQLTransientConnectionException ex) {
			throw explained(ex);
		}
	}

	private SQLTransientConnectionException explained(SQLTransientConnectionException ex) {
		if (ConnectionFailureCause.of(ex) == null) {
			return ex;
		}
		return new SQLTransientConnectionException(ex.getMessage(), ex.getSQLState(), ex.getErrorCode(),
				new PrimaryUnreachableException(this.node, this.maskedUrl, ex));
	}

}
