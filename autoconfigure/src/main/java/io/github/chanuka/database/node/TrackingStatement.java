package io.github.chanuka.database.node;

import java.sql.SQLException;
import java.sql.Statement;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Statement} of a {@link TrackingConnection}, which reports its
 * {@code execute*} calls to it.
 *
 * @author Chanuka Database
 */
final class TrackingStatement extends DelegatingStatement<Statement> {

	private final TrackingConnection connection;

	private final boolean updatable;

	TrackingStatement(Statement target, TrackingConnection connection, boolean updatable) {
		super(target, connection);
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
