package io.github.chanuka.database.node;

import java.sql.CallableStatement;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * A {@link CallableStatement} of a {@link TrackingConnection}, which reports its
 * {@code execute*} calls to it as calls that may write, whatever SQL they name.
 *
 * @author Chanuka Database
 */
final class TrackingCallableStatement extends DelegatingCallableStatement {

	private final TrackingConnection connection;

	private final boolean updatable;

	TrackingCallableStatement(CallableStatement target, String sql, TrackingConnection connection,
			boolean updatable) {
		super(target, sql, connection);
		this.connection = connection;
		this.updatable = updatable;
	}

	@Override
	protected long executing(@Nullable String sql, boolean query) throws SQLException {
		return this.connection.executing(null, query, this.updatable);
	}

	@Override
	protected void executed(long execution, @Nullable String sql) throws SQLException {
		this.connection.executed(execution, this.updatable);
	}

	@Override
	protected void failed(long execution, @Nullable String sql, Throwable failure) {
		this.connection.failed(execution, failure);
	}

}
