package io.github.chanuka.database.node;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * A {@link PreparedStatement} of a {@link TrackingConnection}, which reports its
 * {@code execute*} calls to it with the SQL it was prepared with.
 *
 * @author Chanuka Database
 */
final class TrackingPreparedStatement extends DelegatingPreparedStatement<PreparedStatement> {

	private final TrackingConnection connection;

	private final boolean updatable;

	TrackingPreparedStatement(PreparedStatement target, String sql, TrackingConnection connection,
			boolean updatable) {
		super(target, sql, connection);
		this.connection = connection;
		this.updatable = updatable;
	}

	@Override
	protected long executing(@Nullable String sql, boolean query) throws SQLException {
		return this.connection.executing(sql, query, this.updatable);
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
