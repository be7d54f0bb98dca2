package io.github.chanuka.database.metrics;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.github.chanuka.database.node.DelegatingStatement;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Statement} of a {@link TimedConnection}, whose {@code execute*} calls are
 * timed with the node's {@link StatementTimer}, each call once, with the SQL it ran: a
 * batch with the SQL of each statement added to it.
 *
 * @author Chanuka Database
 */
final class TimedStatement extends DelegatingStatement<Statement> {

	private final StatementTimer timer;

	private @Nullable List<String> batch;

	TimedStatement(Statement target, TimedConnection connection, StatementTimer timer) {
		super(target, connection);
		this.timer = timer;
	}

	@Override
	protected long executing(@Nullable String sql, boolean query) {
		return System.nanoTime();
	}

	@Override
	protected void executed(long start, @Nullable String sql) {
		record(start, true, sql);
	}

	@Override
	protected void failed(long start, @Nullable String sql, Throwable failure) {
		record(start, false, sql);
	}

	private void record(long start, boolean success, @Nullable String sql) {
		List<String> statements = (sql != null) ? null : this.batch;
		if (statements != null) {
			this.batch = null;
			this.timer.record(start, success, statements);
		}
		else {
			this.timer.record(start, success, sql);
		}
	}

	@Override
	public void addBatch(String sql) throws SQLException {
		super.addBatch(sql);
		List<String> statements = this.batch;
		if (statements == null) {
			statements = new ArrayList<>();
			this.batch = statements;
		}
		statements.add(sql);
	}

	@Override
	public void clearBatch() throws SQLException {
		super.clearBatch();
		this.batch = null;
	}

}
