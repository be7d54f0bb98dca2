package io.github.chanuka.database.metrics;

import java.sql.PreparedStatement;

import io.github.chanuka.database.node.DelegatingPreparedStatement;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PreparedStatement} of a {@link TimedConnection}, whose {@code execute*}
 * calls are timed with the SQL it was prepared with; parameter values are never
 * recorded.
 *
 * @author Chanuka Database
 */
final class TimedPreparedStatement extends DelegatingPreparedStatement<PreparedStatement> {

	private final StatementTimer timer;

	TimedPreparedStatement(PreparedStatement target, String sql, TimedConnection connection, StatementTimer timer) {
		super(target, sql, connection);
		this.timer = timer;
	}

	@Override
	protected long executing(@Nullable String sql, boolean query) {
		return System.nanoTime();
	}

	@Override
	protected void executed(long start, @Nullable String sql) {
		this.timer.record(start, true, sql);
	}

	@Override
	protected void failed(long start, @Nullable String sql, Throwable failure) {
		this.timer.record(start, false, sql);
	}

}
