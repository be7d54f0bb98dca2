package io.github.chanuka.database.metrics;

import java.sql.CallableStatement;

import io.github.chanuka.database.node.DelegatingCallableStatement;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CallableStatement} of a {@link TimedConnection}, whose {@code execute*}
 * calls are timed with the SQL it was prepared with; parameter values are never
 * recorded.
 *
 * @author Chanuka Database
 */
final class TimedCallableStatement extends DelegatingCallableStatement {

	private final StatementTimer timer;

	TimedCallableStatement(CallableStatement target, String sql, TimedConnection connection, StatementTimer timer) {
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
